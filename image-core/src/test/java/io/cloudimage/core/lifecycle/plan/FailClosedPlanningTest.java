package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.backedBy;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static io.cloudimage.core.lifecycle.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relations that cannot be proven hold resources back; plans say so and carry what they saw. */
class FailClosedPlanningTest {
  @TempDir Path dir;

  private static final Clock AT = Clock.fixed(NOW, ZoneOffset.UTC);

  /**
   * A readable image on snap-a, an unreadable record (no bindings), and its orphaned-looking disk.
   */
  private static Inventory withBrokenRecord() {
    Image readable = backedBy(image("img-a", 400), "snap-a").build();
    Image broken = image("img-broken", 400).state(ImageState.BROKEN).build();
    Snapshot own = snapshot("snap-a", 400, 10).build();
    Snapshot ofBroken = snapshot("snap-b", 400, 10).build();
    return Inventory.of(List.of(readable, broken), List.of(own, ofBroken));
  }

  @Test
  void snapshotThatMayBackABrokenRecordIsNeitherDeletedNorMoved() {
    LifecyclePolicy delete =
        LifecyclePolicy.builder()
            .name("delete-old-snapshots")
            .rule(
                "old",
                r -> r.when(Condition.olderThan(Duration.ofDays(30))).then(Action.DELETE_SNAPSHOT))
            .build();
    for (LifecyclePolicy policy : List.of(delete, LifecyclePolicy.defaultPolicy())) {
      Plan plan = LifecyclePlanner.builder().build().plan(withBrokenRecord(), policy, AT);

      assertThat(plan.actions()).as(policy.name()).noneMatch(a -> a.resource().equals("snap-b"));
      assertThat(plan.actions())
          .as(policy.name())
          .noneMatch(a -> a.resource().equals("img-broken"));
      assertThat(plan.skipped())
          .as(policy.name())
          .filteredOn(s -> s.resource().equals("snap-b"))
          .singleElement()
          .satisfies(s -> assertThat(s.reason()).contains("img-broken").contains("BROKEN"));
    }
    // A policy with image rules says why the unreadable record itself is left alone.
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(withBrokenRecord(), LifecyclePolicy.defaultPolicy(), AT);
    assertThat(plan.skipped())
        .filteredOn(s -> s.resource().equals("img-broken"))
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("cannot be read"));
  }

  @Test
  void planFileCarriesTheObservedStateAndTheRuleAndReadsBackTheSame() throws Exception {
    Image unused =
        backedBy(image("img-1", 200), "snap-1").lastLaunched(Fixtures.daysAgo(100)).build();
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("p")
            .allowActionsOnNewestOfFamily()
            .rule(
                "r",
                r ->
                    r.when(
                            Condition.unusedFor(Duration.ofDays(30)),
                            Condition.olderThan(Duration.ofDays(2)))
                        .then(Action.DEREGISTER))
            .build();
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(
                Inventory.of(List.of(unused), List.of(snapshot("snap-1", 200, 10).build())),
                policy,
                AT);
    PlannedAction a = plan.actions().get(0);
    assertThat(a.observed()).isEqualTo(Observed.of(unused));
    assertThat(a.conditions()).hasSize(2);

    Path file = dir.resolve("plan.json");
    plan.write(file);
    Plan back = Plan.read(file);

    assertThat(back.digest()).isEqualTo(plan.digest());
    assertThat(back.actions().get(0).observed()).isEqualTo(a.observed());
    assertThat(back.actions().get(0).conditions()).isEqualTo(a.conditions());
  }

  @Test
  void editedPlanIsRefusedWithoutPrintingTheDigestItShouldHave() throws Exception {
    Image unused = backedBy(image("img-1", 200), "snap-1").build();
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(Inventory.of(List.of(unused), List.of()), LifecyclePolicy.defaultPolicy(), AT);
    Path file = dir.resolve("plan.json");
    plan.write(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, text.replace("ARCHIVE", "DEREGISTER"));

    assertThatThrownBy(() -> Plan.read(file))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("does not match its digest")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sha256:"));
  }

  @Test
  void skippedActionReadsAsALineForPeople() {
    SkippedAction s =
        new SkippedAction(
            "ami-1", ResourceKind.IMAGE, Action.DEREGISTER, "old", "excluded: in use");
    assertThat(s.toString())
        .isEqualTo("DEREGISTER image ami-1 (rule old): excluded: in use")
        .doesNotContain("SkippedAction[");
  }
}
