package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.daysAgo;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static io.cloudimage.core.lifecycle.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecyclePlannerTest {
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final LifecyclePlanner planner = LifecyclePlanner.builder().build();

  private static LifecyclePolicy deregisterUnused(boolean protectNewest) {
    LifecyclePolicy.Builder b = LifecyclePolicy.builder().name("t");
    if (protectNewest) {
      b.protectNewestOfFamily();
    } else {
      b.allowActionsOnNewestOfFamily();
    }
    return b.rule(
            "dereg", r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.DEREGISTER))
        .rule(
            "delete",
            r -> r.when(Condition.notAccessedFor(Duration.ofDays(30))).then(Action.DELETE_SNAPSHOT))
        .build();
  }

  private Plan plan(LifecyclePolicy policy, List<Image> images, List<Snapshot> snapshots) {
    return planner.plan(Inventory.of(images, snapshots), policy, CLOCK);
  }

  private static List<String> resources(Plan plan) {
    return plan.actions().stream().map(PlannedAction::resource).toList();
  }

  @Test
  void inUseWinsOverNeverLaunched() {
    // Used only by a standalone launch template: never launched, but the provider says in use.
    Image template = image("img-template", 400).inUse(true).build();
    Plan plan = plan(deregisterUnused(false), List.of(template), List.of());
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("in use"));
  }

  @Test
  void sharedImageCountsAsInUseUnlessPolicySaysOtherwise() {
    Image shared =
        image("img-shared", 400).sharing(new Sharing(Set.of("123456789012"), Set.of())).build();
    assertThat(plan(deregisterUnused(false), List.of(shared), List.of()).actions()).isEmpty();
    LifecyclePolicy lenient =
        LifecyclePolicy.builder()
            .name("t")
            .allowActionsOnNewestOfFamily()
            .sharedDoesNotCountAsInUse()
            .rule(
                "dereg",
                r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.DEREGISTER))
            .build();
    assertThat(resources(plan(lenient, List.of(shared), List.of()))).containsExactly("img-shared");
  }

  @Test
  void snapshotsOfDisabledOrDeregisteringImagesAreNotDeletable() {
    Image disabled =
        Fixtures.backedBy(image("img-d", 400).state(ImageState.DISABLED), "snap-d")
            .inUse(true)
            .build();
    Image pending =
        Fixtures.backedBy(image("img-p", 400).state(ImageState.DEREGISTERING), "snap-p").build();
    Image gone =
        Fixtures.backedBy(image("img-g", 400).state(ImageState.DEREGISTERED), "snap-g").build();
    Plan plan =
        plan(
            deregisterUnused(false),
            List.of(disabled, pending, gone),
            List.of(
                snapshot("snap-d", 400, 2).build(),
                snapshot("snap-p", 400, 2).build(),
                snapshot("snap-g", 400, 2).build()));
    assertThat(resources(plan)).containsExactly("snap-g");
    assertThat(plan.skipped())
        .filteredOn(s -> s.kind() == ResourceKind.SNAPSHOT)
        .extracting(SkippedAction::resource)
        .containsExactly("snap-d", "snap-p");
    assertThat(plan.skipped())
        .filteredOn(s -> s.resource().equals("snap-p"))
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("backs a registered image"));
  }

  @Test
  void neverLaunchedImageIsMeasuredFromCreation() {
    Image young = image("img-young", 10).build();
    Image old = image("img-old", 45).build();
    Image recentlyUsed = image("img-used", 400).lastLaunched(daysAgo(3)).build();
    assertThat(
            resources(plan(deregisterUnused(false), List.of(young, old, recentlyUsed), List.of())))
        .containsExactly("img-old");
  }

  @Test
  void keepsNewestNOfEachFamily() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("t")
            .rule("prune", r -> r.when(Condition.moreThanInFamily(2)).then(Action.DEREGISTER))
            .build();
    List<Image> images =
        List.of(
            image("web-1", 50).family("web").build(),
            image("web-2", 40).family("web").build(),
            image("web-3", 30).family("web").build(),
            image("web-4", 20).family("web").build(),
            image("db-1", 90).family("db").build(),
            image("lonely", 900).build());
    assertThat(resources(plan(policy, images, List.of()))).containsExactly("web-1", "web-2");
  }

  @Test
  void newestOfFamilyIsProtectedUnlessPolicySaysOtherwise() {
    List<Image> images =
        List.of(image("a-1", 100).family("a").build(), image("a-2", 60).family("a").build());
    assertThat(resources(plan(deregisterUnused(true), images, List.of()))).containsExactly("a-1");
    assertThat(resources(plan(deregisterUnused(false), images, List.of())))
        .containsExactly("a-1", "a-2");
  }

  @Test
  void keepTagAndProtectionExcludeEverything() {
    List<Image> images =
        List.of(
            image("kept", 400).tag(LifecyclePolicy.KEEP_TAG, "true").build(),
            image("protected", 400).deregistrationProtected(true).build());
    Plan plan =
        plan(
            deregisterUnused(false),
            images,
            List.of(snapshot("snap-kept", 400, 1).tag(LifecyclePolicy.KEEP_TAG, "yes").build()));
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).hasSize(3);
  }

  @Test
  void skipsArchiveOfIncrementalSnapshotThatLosesMoney() {
    LifecyclePolicy archive =
        LifecyclePolicy.builder()
            .name("t")
            .rule(
                "archive",
                r -> r.when(Condition.notAccessedFor(Duration.ofDays(30))).then(Action.ARCHIVE))
            .build();
    // 10 GiB full, 1 GiB increment: hot bills 0.8 CNY, archive would bill 10 GiB * 0.03 = 0.3 a
    // month, saves 0.5 a month, 1.5 over 90 days, less than one 1.5 CNY retrieval.
    Snapshot incremental = snapshot("snap-inc", 200, 1).build();
    Snapshot full = snapshot("snap-full", 200, 10).build();
    Plan plan = plan(archive, List.of(), List.of(incremental, full));
    assertThat(resources(plan)).containsExactly("snap-full");
    assertThat(plan.actions().get(0).monthlySaving().amount()).isEqualByComparingTo("7.70");
    assertThat(plan.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.resource()).isEqualTo("snap-inc");
              assertThat(s.reason())
                  .contains("loses money")
                  .contains("full 10.0 GiB instead of 1.0 GiB");
            });
  }

  @Test
  void itemsInsideMinimumRetentionAreNotMoved() {
    LifecyclePolicy restore =
        LifecyclePolicy.builder()
            .name("t")
            .rule(
                "delete",
                r -> r.when(Condition.olderThan(Duration.ofDays(1))).then(Action.DELETE_SNAPSHOT))
            .build();
    Snapshot recentlyArchived =
        snapshot("snap-a", 400, 10).tier(StorageTier.ARCHIVE).tierChanged(daysAgo(20)).build();
    Snapshot longArchived =
        snapshot("snap-b", 400, 10).tier(StorageTier.ARCHIVE).tierChanged(daysAgo(100)).build();
    Plan plan = plan(restore, List.of(), List.of(recentlyArchived, longArchived));
    assertThat(resources(plan)).containsExactly("snap-b");
    assertThat(plan.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("90-day minimum retention of ARCHIVE"));
  }

  @Test
  void defaultPolicyArchivesUnusedImagesAndCoolsOldSnapshots() {
    LifecyclePolicy policy = LifecyclePolicy.defaultPolicy();
    assertThat(policy.name()).isEqualTo("default");
    assertThat(policy.imageRecordRetention()).isEqualTo(Duration.ofDays(60));
    assertThat(policy.snapshotRecordRetention()).isEqualTo(Duration.ofDays(180));
    Plan plan =
        plan(
            policy,
            List.of(image("img-1", 45).build()),
            List.of(snapshot("snap-1", 120, 10).build()));
    assertThat(plan.actions())
        .extracting(PlannedAction::resource, PlannedAction::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("img-1", Action.ARCHIVE),
            org.assertj.core.groups.Tuple.tuple("snap-1", Action.MOVE_TIER));
    // 10 GiB hot at 0.8 -> archive at 0.03, and 10 GiB hot -> cold at 0.1 (CNY, local book)
    assertThat(plan.monthlySaving().amount()).isEqualByComparingTo("14.70");
  }

  @Test
  void planIsDeterministicWhateverTheInventoryOrder() {
    List<Image> images =
        List.of(
            image("b", 100).build(),
            image("a", 100).build(),
            image("c", 200).family("f").build(),
            image("d", 200).family("f").build());
    Plan one = plan(deregisterUnused(true), images, List.of());
    Plan two = plan(deregisterUnused(true), reverse(images), List.of());
    assertThat(one.digest()).isEqualTo(two.digest());
    assertThat(resources(one)).containsExactly("a", "b", "d");
  }

  private static <T> List<T> reverse(List<T> list) {
    java.util.ArrayList<T> copy = new java.util.ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
