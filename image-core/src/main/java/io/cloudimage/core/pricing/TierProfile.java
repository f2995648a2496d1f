package io.cloudimage.core.pricing;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
 * @param minimumPreviousTierStay how long storage must have stayed in its current tier before it
 *     may move into this one ({@link Duration#ZERO} when it may move at once; ECS archive: 14 days
 *     in standard)
 * @param exit whether storage can leave this tier for a hotter one ({@link TierExit#ONE_WAY} for
 *     the ECS archive tier)
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
    Money retrievalPricePerGb,
    Duration minimumPreviousTierStay,
    TierExit exit) {
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
    Checks.required(minimumPreviousTierStay, "TierProfile.minimumPreviousTierStay");
    Checks.required(exit, "TierProfile.exit");
    if (minimumRetention.isNegative()
        || retrievalTime.isNegative()
        || minimumPreviousTierStay.isNegative()) {
      throw new InvalidInputException(
          "TierProfile.minimumRetention, retrievalTime and minimumPreviousTierStay must be >= 0"
              + " for "
              + tier);
    }
  }

  /** A profile that storage may enter at any time and leave again ({@link TierExit#RESTORABLE}). */
  public TierProfile(
      StorageTier tier,
      long iops,
      Duration latencyMin,
      Duration latencyMax,
      Money pricePerGbMonth,
      Money pricePerGbMonthMax,
      Duration minimumRetention,
      Duration retrievalTime,
      Money retrievalPricePerGb) {
    this(
        tier,
        iops,
        latencyMin,
        latencyMax,
        pricePerGbMonth,
        pricePerGbMonthMax,
        minimumRetention,
        retrievalTime,
        retrievalPricePerGb,
        Duration.ZERO,
        TierExit.RESTORABLE);
  }

  /** This profile with other entry and exit rules. */
  public TierProfile withMoveRules(Duration newMinimumPreviousTierStay, TierExit newExit) {
    return new TierProfile(
        tier,
        iops,
        latencyMin,
        latencyMax,
        pricePerGbMonth,
        pricePerGbMonthMax,
        minimumRetention,
        retrievalTime,
        retrievalPricePerGb,
        newMinimumPreviousTierStay,
        newExit);
  }

  /**
   * Why storage in {@code from} since {@code since} may not move into this tier at {@code now}, or
   * empty when it may: a one-way tier is never left for a hotter one, and this tier's minimum stay
   * in the previous tier must have passed.
   */
  public Optional<String> moveRefusal(TierProfile from, Instant since, Instant now) {
    if (from.tier == tier) {
      return Optional.empty();
    }
    if (from.exit == TierExit.ONE_WAY && tier.ordinal() < from.tier.ordinal()) {
      return Optional.of(
          "not possible: nothing leaves "
              + from.tier
              + " for "
              + tier
              + " on this provider (one way); a copy from the source is the way back");
    }
    if (!minimumPreviousTierStay.isZero() && since.plus(minimumPreviousTierStay).isAfter(now)) {
      return Optional.of(
          "not yet: "
              + tier
              + " takes storage only after "
              + minimumPreviousTierStay.toDays()
              + " days in "
              + from.tier
              + ", from "
              + since.plus(minimumPreviousTierStay));
    }
    return Optional.empty();
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
