package io.cloudimage.core.pricing;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/**
 * What a storage tier offers and costs on one provider and region.
 *
 * @param tier the tier described
 * @param iops the sustained IOPS a volume restored from it can expect (the lower bound)
 * @param latencyMin the best typical access latency
 * @param latencyMax the worst typical access latency
 * @param pricePerGbMonth the list price per GB-month used for costing (the low end of the range)
 * @param pricePerGbMonthMax the high end of the published price range, in the same currency
 * @param minimumRetention the stay billed even when the data leaves earlier ({@link Duration#ZERO}
 *     when none)
 * @param retrievalTime how long a restore to a usable volume takes ({@link Duration#ZERO} for
 *     instant)
 * @param retrievalPricePerGb what a restore costs per GB, in the same currency
 */
public record TierProfile(
    StorageTier tier,
    long iops,
    Duration latencyMin,
    Duration latencyMax,
    Money pricePerGbMonth,
    Money pricePerGbMonthMax,
    Duration minimumRetention,
    Duration retrievalTime,
    Money retrievalPricePerGb) {
  public TierProfile {
    Checks.required(tier, "TierProfile.tier");
    Checks.nonNegative(iops, "TierProfile.iops");
    Checks.required(latencyMin, "TierProfile.latencyMin");
    Checks.required(latencyMax, "TierProfile.latencyMax");
    Checks.required(pricePerGbMonth, "TierProfile.pricePerGbMonth");
    Checks.required(pricePerGbMonthMax, "TierProfile.pricePerGbMonthMax");
    Checks.required(minimumRetention, "TierProfile.minimumRetention");
    Checks.required(retrievalTime, "TierProfile.retrievalTime");
    Checks.required(retrievalPricePerGb, "TierProfile.retrievalPricePerGb");
    if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
      throw new InvalidInputException(
          "TierProfile.latencyMax must be >= latencyMin >= 0, was "
              + latencyMin
              + ".."
              + latencyMax);
    }
    nonNegativePrice(pricePerGbMonth, "pricePerGbMonth");
    nonNegativePrice(pricePerGbMonthMax, "pricePerGbMonthMax");
    nonNegativePrice(retrievalPricePerGb, "retrievalPricePerGb");
    if (pricePerGbMonthMax.compareTo(pricePerGbMonth) < 0) {
      throw new InvalidInputException(
          "TierProfile.pricePerGbMonthMax must be >= pricePerGbMonth, was "
              + pricePerGbMonthMax
              + " < "
              + pricePerGbMonth);
    }
    if (!retrievalPricePerGb.currency().equals(pricePerGbMonth.currency())) {
      throw new InvalidInputException(
          "TierProfile.retrievalPricePerGb must be in "
              + pricePerGbMonth.currency()
              + ", was "
              + retrievalPricePerGb);
    }
    if (minimumRetention.isNegative() || retrievalTime.isNegative()) {
      throw new InvalidInputException(
          "TierProfile.minimumRetention and retrievalTime must be >= 0 for " + tier);
    }
  }

  private static void nonNegativePrice(Money price, String field) {
    if (price.isNegative()) {
      throw new InvalidInputException(
          "TierProfile." + field + " must be >= 0, was " + price.amount().toPlainString());
    }
  }

  /**
   * The monthly price of storing {@code bytes} on this tier. A GB here is 2^30 bytes, the unit in
   * which EBS and ECS bill snapshot and volume storage.
   */
  public Money monthlyPrice(long bytes) {
    return pricePerGbMonth.times(gigabytes(bytes));
  }

  /** {@code bytes} in billing GB (2^30 bytes), exact. */
  public static BigDecimal gigabytes(long bytes) {
    return BigDecimal.valueOf(bytes).divide(BYTES_PER_GB, MathContext.DECIMAL64);
  }

  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1L << 30);
}
