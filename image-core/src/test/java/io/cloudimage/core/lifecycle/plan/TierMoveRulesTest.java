package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.daysAgo;
import static io.cloudimage.core.lifecycle.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.TierExit;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.pricing.TierProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiers' move rules: a minimum stay in the previous tier first, and one-way tiers. */
class TierMoveRulesTest {
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The local book with an archive tier that takes snapshots after 14 days and never lets go. */
  private static TierPrices oneWayArchive() {
    TierPrices local = TierPrices.localDefaults();
    return local.with(
        local.profile(StorageTier.ARCHIVE).withMoveRules(Duration.ofDays(14), TierExit.ONE_WAY));
  }

  private static Plan plan(TierPrices book, LifecyclePolicy policy, List<Snapshot> snapshots) {
    return LifecyclePlanner.builder()
        .prices(book)
        .build()
        .plan(Inventory.of(List.of(), snapshots), policy, CLOCK);
  }

  private static final LifecyclePolicy ARCHIVE_OLD =
      LifecyclePolicy.builder()
          .name("t")
          .rule(
              "archive",
              r -> r.when(Condition.notAccessedFor(Duration.ofDays(30))).then(Action.ARCHIVE))
          .build();

  @Test
  void archivingWaitsForTheMinimumStayInThePreviousTier() {
    Snapshot fresh = snapshot("snap-fresh", 200, 10).tierChanged(daysAgo(5)).build();
    Snapshot settled = snapshot("snap-settled", 200, 10).tierChanged(daysAgo(30)).build();

    Plan plan = plan(oneWayArchive(), ARCHIVE_OLD, List.of(fresh, settled));

    assertThat(plan.actions()).extracting(PlannedAction::resource).containsExactly("snap-settled");
    assertThat(plan.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.resource()).isEqualTo("snap-fresh");
              assertThat(s.reason())
                  .contains("not yet")
                  .contains("14 days in HOT")
                  .contains(daysAgo(5).plus(Duration.ofDays(14)).toString());
            });
  }

  @Test
  void nothingIsRestoredOutOfAOneWayTier() {
    LifecyclePolicy restore =
        LifecyclePolicy.builder()
            .name("t")
            .rule(
                "restore",
                r ->
                    r.when(
                            Condition.tierIs(StorageTier.ARCHIVE),
                            Condition.olderThan(Duration.ofDays(1)))
                        .then(Action.RESTORE))
            .build();
    Snapshot archived =
        snapshot("snap-a", 400, 10).tier(StorageTier.ARCHIVE).tierChanged(daysAgo(200)).build();

    Plan oneWay = plan(oneWayArchive(), restore, List.of(archived));
    Plan restorable = plan(TierPrices.localDefaults(), restore, List.of(archived));

    assertThat(oneWay.actions()).isEmpty();
    assertThat(oneWay.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("one way").contains("ARCHIVE"));
    assertThat(restorable.actions())
        .extracting(PlannedAction::action)
        .containsExactly(Action.RESTORE);
  }

  @Test
  void profilesWithoutMoveRulesLetStorageMoveAtOnceAndBack() {
    TierProfile archive = TierPrices.localDefaults().profile(StorageTier.ARCHIVE);
    TierProfile hot = TierPrices.localDefaults().profile(StorageTier.HOT);

    assertThat(archive.minimumPreviousTierStay()).isZero();
    assertThat(archive.exit()).isEqualTo(TierExit.RESTORABLE);
    assertThat(archive.moveRefusal(hot, NOW, NOW)).isEmpty();
    assertThat(hot.moveRefusal(archive, NOW, NOW)).isEmpty();
  }
}
