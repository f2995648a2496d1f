package io.cloudimage.core.pricing;

import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Whether moving stored data to another tier pays. A colder tier bills a full copy of a snapshot
 * (not its increment), bills its minimum stay even when the data leaves early, and charges for
 * retrieval: the monthly difference over the target tier's minimum stay (at least one month) is
 * weighed against one retrieval.
 */
public final class TierMoveEconomics {
  private final StorageCost cost;

  /** Economics under {@code cost}'s price book. */
  public TierMoveEconomics(StorageCost cost) {
    this.cost = cost;
  }

  /**
   * Why moving {@code data} to {@code to} loses money, with the figures; empty when the move pays.
   */
  public Optional<String> loss(BilledStorage data, StorageTier to) {
    Money before = cost.monthly(data);
    Money after = cost.monthlyIn(data, to);
    Money monthly = before.minus(after);
    String stored =
        data.billedBytes(to) != data.billedBytes(data.tier())
            ? " ("
                + to
                + " stores the full "
                + gib(data.billedBytes(to))
                + " instead of "
                + gib(data.billedBytes(data.tier()))
                + ")"
            : "";
    if (monthly.amount().signum() <= 0) {
      return Optional.of(
          "loses money: "
              + to
              + " would cost "
              + after.rounded()
              + " a month against "
              + before.rounded()
              + " now"
              + stored);
    }
    BigDecimal months = cost.minimumMonths(to).max(BigDecimal.ONE);
    Money retrieval = cost.retrieval(data, to);
    Money net = monthly.times(months).minus(retrieval);
    if (net.amount().signum() <= 0) {
      return Optional.of(
          "loses money: saves "
              + monthly.rounded()
              + " a month, but over the "
              + months.stripTrailingZeros().toPlainString()
              + "-month minimum stay that is less than one retrieval at "
              + retrieval.rounded()
              + stored);
    }
    return Optional.empty();
  }

  private static String gib(long bytes) {
    return TierProfile.gigabytes(bytes).setScale(1, RoundingMode.HALF_UP).toPlainString() + " GiB";
  }
}
