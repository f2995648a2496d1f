package io.cloudimage.core.pricing;

import io.cloudimage.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * An amount of money in an explicit currency. Arithmetic between two currencies is refused: a
 * caller that wants a total across currencies converts first with an exchange rate it chooses.
 *
 * <pre>{@code
 * Money perMonth = Money.of("0.8", "CNY").times(30); // 24.0 CNY
 * }</pre>
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
  public Money {
    Checks.required(amount, "Money.amount");
    Checks.required(currency, "Money.currency");
  }

  /** Money from a decimal string and an ISO-4217 code, such as {@code of("0.8", "CNY")}. */
  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), currency(currencyCode));
  }

  /** Money from a decimal amount and an ISO-4217 code. */
  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(amount, currency(currencyCode));
  }

  /** Zero in the given currency. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** Zero in the currency named by an ISO-4217 code. */
  public static Money zero(String currencyCode) {
    return zero(currency(currencyCode));
  }

  private static Currency currency(String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown currency code '" + code + "'; use an ISO-4217 code such as USD or CNY", e);
    }
  }

  /**
   * The sum.
   *
   * @throws InvalidInputException when the currencies differ
   */
  public Money plus(Money other) {
    return new Money(amount.add(sameCurrency(other, "add")), currency);
  }

  /**
   * The difference.
   *
   * @throws InvalidInputException when the currencies differ
   */
  public Money minus(Money other) {
    return new Money(amount.subtract(sameCurrency(other, "subtract")), currency);
  }

  /** This amount times a factor. */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  /** This amount times a factor. */
  public Money times(double factor) {
    return times(BigDecimal.valueOf(factor));
  }

  /** This amount converted with a rate (units of {@code target} per unit of this currency). */
  public Money convert(Currency target, BigDecimal rate) {
    return new Money(amount.multiply(rate), target);
  }

  /** Whether the amount is below zero. */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** The amount rounded to the currency's minor unit (two places when it has none). */
  public Money rounded() {
    int digits = Math.max(currency.getDefaultFractionDigits(), 2);
    return new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency);
  }

  /**
   * The amount for people and reports: rounded half-even to the currency's minor unit (two places
   * when it has fewer), trailing zeros kept, then the code, such as {@code "9.24 USD"}. {@link
   * #toString()} keeps every digit, for prices smaller than a minor unit.
   */
  public String format() {
    return rounded().amount().toPlainString() + " " + currency.getCurrencyCode();
  }

  private BigDecimal sameCurrency(Money other, String operation) {
    if (!currency.equals(other.currency)) {
      throw new InvalidInputException(
          "cannot "
              + operation
              + " "
              + other
              + " and "
              + this
              + ": currencies differ; convert one with an exchange rate first");
    }
    return other.amount;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(sameCurrency(other, "compare"));
  }

  /**
   * Equal when the currencies match and the amounts are numerically equal ({@code 24.0 == 24.00}).
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Money m && currency.equals(m.currency) && amount.compareTo(m.amount) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * currency.hashCode() + amount.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return amount.stripTrailingZeros().toPlainString() + " " + currency.getCurrencyCode();
  }
}
