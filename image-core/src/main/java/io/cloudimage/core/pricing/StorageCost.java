package io.cloudimage.core.pricing;

import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;

/**
 * Monthly storage prices of images and snapshots (any {@link BilledStorage}) from a {@link
 * TierPrices} price book. An archive tier bills a full copy of a snapshot; the other tiers bill its
 * incremental size.
 */
public final class StorageCost {
  private static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);

  private final TierPrices prices;
  private final Currency currency;

  private StorageCost(TierPrices prices) {
    this.prices = prices;
    this.currency = prices.profile(StorageTier.HOT).pricePerGbMonth().currency();
  }

  /** Prices from a price book. */
  public static StorageCost of(TierPrices prices) {
    return new StorageCost(prices);
  }

  /** The price book. */
  public TierPrices prices() {
    return prices;
  }

  /** The currency every amount is in. */
  public Currency currency() {
    return currency;
  }

  /** What the data costs a month where it is now. */
  public Money monthly(BilledStorage r) {
    return monthlyIn(r, r.tier());
  }

  /** What the data would cost a month in {@code tier}. */
  public Money monthlyIn(BilledStorage r, StorageTier tier) {
    return prices.profile(tier).monthlyPrice(r.billedBytes(tier));
  }

  /** What restoring the data from {@code tier} once costs. */
  public Money retrieval(BilledStorage r, StorageTier tier) {
    TierProfile p = prices.profile(tier);
    return p.retrievalPricePerGb().times(TierProfile.gigabytes(r.billedBytes(tier)));
  }

  /** The minimum stay of a tier in months of 30 days (0 when none). */
  public BigDecimal minimumMonths(StorageTier tier) {
    return BigDecimal.valueOf(prices.profile(tier).minimumRetention().toDays())
        .divide(DAYS_PER_MONTH, MathContext.DECIMAL64);
  }

  /** Zero in this book's currency. */
  public Money zero() {
    return Money.zero(currency);
  }
}
