package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.FamilyKey;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle figures the seed asks a platform team to watch: the image reuse rate (share of
 * registered images launched within the reuse window; target at least 85%), the monthly storage
 * cost and its change over the last year (target -20%), and images and snapshots by tier and age.
 *
 * <p>Storage cost counts every image and every snapshot that backs no image of the inventory (an
 * image's size already holds its own snapshots).
 *
 * <pre>{@code
 * LifecycleReport r = LifecycleReport.of(Inventory.of(provider), StorageCost.of(prices),
 *     history, Clock.systemUTC());
 * r.reuseRate();          // 0.87
 * r.yearOverYearChange(); // -0.23, or null without a sample a year back
 * }</pre>
 *
 * @param asOf the instant the report is for
 * @param images registered images (holding storage)
 * @param reusedImages those launched within {@link #REUSE_WINDOW}
 * @param snapshots snapshots counted
 * @param monthlyCost the storage cost a month
 * @param costYearAgo the cost from history nearest to a year before {@code asOf}, or {@code null}
 * @param byTier images and snapshots per tier
 * @param byAge images and snapshots per age bucket ({@code <30d}, {@code 30-90d}, {@code 90-365d},
 *     {@code >365d})
 */
public record LifecycleReport(
    Instant asOf,
    long images,
    long reusedImages,
    long snapshots,
    Money monthlyCost,
    @Nullable Money costYearAgo,
    Map<StorageTier, Long> byTier,
    Map<String, Long> byAge) {
  /** How recently an image must have been launched to count as reused. */
  public static final Duration REUSE_WINDOW = Duration.ofDays(90);

  /** The reuse-rate target. */
  public static final double REUSE_TARGET = 0.85;

  /** The year-over-year cost change target. */
  public static final double COST_CHANGE_TARGET = -0.20;

  /**
   * One past measurement of monthly storage cost.
   *
   * @param at when it was measured
   * @param monthlyCost what storage cost a month then
   */
  public record CostSample(Instant at, Money monthlyCost) {}

  public LifecycleReport {
    byTier = Map.copyOf(byTier);
    byAge = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAge));
  }

  /** Computes the report from an inventory and past cost samples (may be empty). */
  public static LifecycleReport of(
      Inventory inventory, StorageCost cost, List<CostSample> history, Clock clock) {
    Instant now = clock.instant();
    long[] counts = new long[3];
    Money[] total = {cost.zero()};
    Map<StorageTier, Long> byTier = new EnumMap<>(StorageTier.class);
    Map<String, Long> byAge = new LinkedHashMap<>();
    for (String b : List.of("<30d", "30-90d", "90-365d", ">365d")) {
      byAge.put(b, 0L);
    }
    Set<String> backing = new HashSet<>();
    List<Resource> snaps = new ArrayList<>();
    inventory.forEach(
        new Inventory.Sink() {
          @Override
          public void image(Image image) {
            if (!image.state().holdsStorage()) {
              return;
            }
            Resource r = Resource.of(image, FamilyKey.field());
            counts[0]++;
            Instant last = image.usage().lastLaunched();
            if (last != null && !last.plus(REUSE_WINDOW).isBefore(now)) {
              counts[1]++;
            }
            backing.addAll(Resource.backingSnapshots(image));
            count(r);
            total[0] = total[0].plus(cost.monthly(r));
          }

          @Override
          public void snapshot(Snapshot snapshot) {
            Resource r = Resource.of(snapshot).compact();
            counts[2]++;
            count(r);
            snaps.add(r);
          }

          private void count(Resource r) {
            byTier.merge(r.tier(), 1L, Long::sum);
            long days = Duration.between(r.created(), now).toDays();
            String bucket =
                days < 30 ? "<30d" : days < 90 ? "30-90d" : days < 365 ? "90-365d" : ">365d";
            byAge.merge(bucket, 1L, Long::sum);
          }
        });
    for (Resource s : snaps) {
      if (!backing.contains(s.id())) {
        total[0] = total[0].plus(cost.monthly(s));
      }
    }
    Money yearAgo = null;
    Instant target = now.minus(Duration.ofDays(365));
    long best = Long.MAX_VALUE;
    for (CostSample s : history) {
      long distance = Math.abs(Duration.between(s.at(), target).toDays());
      if (distance <= 45 && distance < best) {
        best = distance;
        yearAgo = s.monthlyCost();
      }
    }
    return new LifecycleReport(
        now, counts[0], counts[1], counts[2], total[0].rounded(), yearAgo, byTier, byAge);
  }

  /** The share of registered images launched within {@link #REUSE_WINDOW}, in [0, 1]. */
  public double reuseRate() {
    return images == 0 ? 1.0 : (double) reusedImages / images;
  }

  /** Whether the reuse rate meets {@link #REUSE_TARGET}. */
  public boolean reuseOnTarget() {
    return reuseRate() >= REUSE_TARGET;
  }

  /** The relative change of the monthly cost over the last year, or {@code null} without data. */
  public @Nullable Double yearOverYearChange() {
    Money before = costYearAgo;
    if (before == null || before.amount().signum() == 0) {
      return null;
    }
    return monthlyCost
        .amount()
        .subtract(before.amount())
        .divide(before.amount(), MathContext.DECIMAL64)
        .doubleValue();
  }

  /** Whether the cost fell at least as much as {@link #COST_CHANGE_TARGET}. */
  public boolean costOnTarget() {
    Double change = yearOverYearChange();
    return change != null && change <= COST_CHANGE_TARGET;
  }

  /** This report as a sample for next year's comparison. */
  public CostSample sample() {
    return new CostSample(asOf, monthlyCost);
  }

  static BigDecimal percent(double fraction) {
    return BigDecimal.valueOf(fraction * 100).round(new MathContext(3));
  }
}
