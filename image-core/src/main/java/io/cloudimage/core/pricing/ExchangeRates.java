package io.cloudimage.core.pricing;

import io.cloudimage.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exchange rates the caller chooses; cloudimage ships none, so amounts in different currencies stay
 * apart unless a rate is given.
 *
 * <pre>{@code
 * ExchangeRates rates = ExchangeRates.none().with("CNY", "USD", "0.14");
 * Money usd = rates.convert(Money.of("100", "CNY"), Currency.getInstance("USD")); // 14 USD
 * }</pre>
 */
public final class ExchangeRates {
  private static final ExchangeRates NONE = new ExchangeRates(Map.of());

  private final Map<String, BigDecimal> rates;

  private ExchangeRates(Map<String, BigDecimal> rates) {
    this.rates = Map.copyOf(rates);
  }

  /** No rates: only same-currency amounts combine. */
  public static ExchangeRates none() {
    return NONE;
  }

  /**
   * These rates plus one: {@code rate} units of {@code to} per unit of {@code from}; the inverse is
   * added too.
   *
   * @throws InvalidInputException when the rate is not a positive number or a code is unknown
   */
  public ExchangeRates with(String from, String to, String rate) {
    BigDecimal r;
    try {
      r = new BigDecimal(rate.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "exchange rate " + from + "->" + to + " must be a number, was '" + rate + "'", e);
    }
    // A rate outside 1e-12..1e12 is a typo, and its inverse would not be computable.
    int magnitude = r.precision() - r.scale();
    if (r.signum() <= 0 || magnitude < -11 || magnitude > 13 || r.precision() > 34) {
      throw new InvalidInputException(
          "exchange rate "
              + from
              + "->"
              + to
              + " must be a number > 0 between 1e-12 and 1e12, was '"
              + rate
              + "'");
    }
    String f = Money.zero(from).currency().getCurrencyCode();
    String t = Money.zero(to).currency().getCurrencyCode();
    Map<String, BigDecimal> copy = new HashMap<>(rates);
    copy.put(f + "->" + t, r);
    copy.put(t + "->" + f, BigDecimal.ONE.divide(r, MathContext.DECIMAL64));
    return new ExchangeRates(copy);
  }

  /**
   * Parses {@code FROM:TO=RATE[,FROM:TO=RATE...]}, such as {@code CNY:USD=0.14}.
   *
   * @throws InvalidInputException naming the part that does not fit
   */
  public static ExchangeRates parse(String text) {
    ExchangeRates out = none();
    for (String part : text.split(",")) {
      String p = part.trim();
      int colon = p.indexOf(':');
      int eq = p.indexOf('=');
      if (colon <= 0 || eq <= colon + 1) {
        throw new InvalidInputException(
            "exchange rate '" + p + "' must look like FROM:TO=RATE, e.g. CNY:USD=0.14");
      }
      out = out.with(p.substring(0, colon), p.substring(colon + 1, eq), p.substring(eq + 1));
    }
    return out;
  }

  /** The rate from one currency to another: 1 for the same one, empty when none is known. */
  public Optional<BigDecimal> rate(Currency from, Currency to) {
    if (from.equals(to)) {
      return Optional.of(BigDecimal.ONE);
    }
    return Optional.ofNullable(rates.get(from.getCurrencyCode() + "->" + to.getCurrencyCode()));
  }

  /** The amount in {@code target}, or empty when no rate is known. */
  public Optional<Money> tryConvert(Money amount, Currency target) {
    return rate(amount.currency(), target).map(r -> amount.convert(target, r));
  }

  /**
   * The amount in {@code target}.
   *
   * @throws InvalidInputException when no rate is known, saying which to supply
   */
  public Money convert(Money amount, Currency target) {
    return tryConvert(amount, target)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no exchange rate from "
                        + amount.currency()
                        + " to "
                        + target
                        + " to convert "
                        + amount
                        + "; supply one, e.g. "
                        + amount.currency()
                        + ":"
                        + target
                        + "=RATE"));
  }

  /** Whether no rate is known. */
  public boolean isEmpty() {
    return rates.isEmpty();
  }
}
