package io.cloudimage.aliyun;

import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.TierExit;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.pricing.TierProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an ECS snapshot may move to the archive tier: only after it has spent {@link
 * #minimumStandardAge} in standard storage, it is then billed for at least {@link
 * #minimumArchiveStay} even if deleted earlier, and it never comes back to standard.
 *
 * <pre>{@code
 * SnapshotArchiveRules.ECS.refusal(snapshot, Instant.now()).ifPresent(System.out::println);
 * }</pre>
 *
 * @param minimumStandardAge how long a snapshot stays in standard before it may be archived
 * @param minimumArchiveStay the stay billed once archived
 * @param exit whether an archived snapshot can return to standard ({@link TierExit#ONE_WAY} on ECS)
 */
public record SnapshotArchiveRules(
    Duration minimumStandardAge, Duration minimumArchiveStay, TierExit exit) {
  /** The service's rules: 14 days in standard, 60 days minimum in archive, no way back. */
  public static final SnapshotArchiveRules ECS =
      new SnapshotArchiveRules(Duration.ofDays(14), Duration.ofDays(60), TierExit.ONE_WAY);

  /**
   * {@code prices} with these rules on their archive tier, for the lifecycle planner: the minimum
   * stay in standard before archiving and the one-way exit. (The 60-day minimum is the archive
   * tier's {@link TierProfile#minimumRetention()} already in the ECS price book.)
   */
  public TierPrices applyTo(TierPrices prices) {
    return prices.with(prices.profile(StorageTier.ARCHIVE).withMoveRules(minimumStandardAge, exit));
  }

  /** The earliest moment the snapshot may be archived. */
  public Instant archivableFrom(Snapshot snapshot) {
    return snapshot.created().plus(minimumStandardAge);
  }

  /**
   * Why moving the snapshot to {@code target} at {@code now} is not allowed, or empty when it is.
   */
  public Optional<String> refusal(Snapshot snapshot, StorageTier target, Instant now) {
    if (snapshot.tier() == StorageTier.ARCHIVE
        && target != StorageTier.ARCHIVE
        && exit == TierExit.ONE_WAY) {
      return Optional.of(
          "snapshot "
              + snapshot.id()
              + " is archived, and ECS archive snapshots never return to"
              + " standard storage");
    }
    if (target == StorageTier.ARCHIVE && snapshot.tier() != StorageTier.ARCHIVE) {
      Instant from = archivableFrom(snapshot);
      if (now.isBefore(from)) {
        return Optional.of(
            "snapshot "
                + snapshot.id()
                + " may be archived from "
                + from
                + " ("
                + minimumStandardAge.toDays()
                + " days in standard storage first)");
      }
    }
    return Optional.empty();
  }

  /**
   * The days billed for an archived snapshot deleted at {@code deletedAt}, at least the minimum.
   */
  public Duration billedArchiveStay(Instant archivedAt, Instant deletedAt) {
    Duration stay = Duration.between(archivedAt, deletedAt);
    return stay.compareTo(minimumArchiveStay) < 0 ? minimumArchiveStay : stay;
  }
}
