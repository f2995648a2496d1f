package io.cloudimage.core.lifecycle.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor checks at apply time, against the real local provider: the plan's age, the
 * state each action was planned on, the journal's identity, and the whole effect of an interrupted
 * removal.
 */
class ApplyTimeSafetyTest {
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");

  @TempDir Path dir;

  private MutableClock clock;
  private LocalProvider local;
  private int disks;

  @BeforeEach
  void openHome() {
    clock = new MutableClock(START);
    local = home("home");
  }

  private LocalProvider home(String name) {
    return LocalProvider.builder()
        .home(dir.resolve(name))
        .clock(clock)
        .trashRetention(Duration.ofDays(7))
        .build();
  }

  @AfterEach
  void closeHome() {
    local.close();
  }

  private Image importDisk(LocalProvider into, String name) throws Exception {
    byte[] bytes = new byte[4096];
    Arrays.fill(bytes, (byte) (0x41 + disks % 26));
    Path disk = dir.resolve("disk-" + disks++ + ".raw");
    Files.write(disk, bytes);
    return into.importImage(
        ImportRequest.of(disk, name, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64),
        ProgressListener.NONE,
        Cancellation.never());
  }

  private static LifecyclePolicy deregisterUnused() {
    return LifecyclePolicy.builder()
        .name("deregister-unused")
        .allowActionsOnNewestOfFamily()
        .rule(
            "unused-30d",
            r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.DEREGISTER))
        .build();
  }

  private Plan plan(LocalProvider on, LifecyclePolicy policy, Clock at) {
    return LifecyclePlanner.builder()
        .prices(on.tierPrices())
        .build()
        .plan(Inventory.of(on), policy, at);
  }

  private PlanExecutor.Builder executor(LocalProvider on) {
    return PlanExecutor.builder().provider(on).journal(dir.resolve("journal")).clock(clock);
  }

  private static String snapshotOf(Image image) {
    return image.guest().deviceBindings().stream()
        .map(DeviceBinding::snapshotId)
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void imageLaunchedAndStoppedAfterPlanningIsNotDeregistered() throws Exception {
    Image a = importDisk(local, "a");
    Image b = importDisk(local, "b");
    clock.advance(Duration.ofDays(60));
    Plan plan = plan(local, deregisterUnused(), clock);
    assertThat(plan.actions()).extracting(PlannedAction::resource).contains(a.nativeId());

    local.launch(a.nativeId());
    clock.advance(Duration.ofMinutes(5));
    local.stop(a.nativeId());
    ApplyResult r = executor(local).build().apply(plan);

    ActionResult ra =
        r.results().stream().filter(x -> x.resource().equals(a.nativeId())).findFirst().get();
    assertThat(ra.status()).isEqualTo(Status.SKIPPED);
    assertThat(ra.detail()).startsWith("changed since planning").contains("last use");
    assertThat(local.find(a.nativeId())).isPresent();
    assertThat(local.find(b.nativeId())).isEmpty();
  }

  @Test
  void ruleThatDoesNotHoldWithTheExecutorsClockIsSkipped() throws Exception {
    Image a = importDisk(local, "a");
    // Planned two minutes past the 30-day threshold, applied a minute before it: the plan is
    // within the clock-skew allowance, but the rule does not hold yet.
    Clock planned = Clock.fixed(START.plus(Duration.ofDays(30)).plusSeconds(120), ZoneOffset.UTC);
    Plan plan = plan(local, deregisterUnused(), planned);
    assertThat(plan.actions()).extracting(PlannedAction::resource).containsExactly(a.nativeId());
    clock.advance(Duration.ofDays(30).minusSeconds(60));

    ApplyResult r = executor(local).build().apply(plan);

    assertThat(r.results().get(0).status()).isEqualTo(Status.SKIPPED);
    assertThat(r.results().get(0).detail())
        .startsWith("changed since planning: rule unused-30d no longer holds");
    assertThat(local.find(a.nativeId())).isPresent();
  }

  @Test
  void planDatedInTheFutureIsRefused() throws Exception {
    importDisk(local, "a");
    Plan plan =
        plan(
            local,
            deregisterUnused(),
            Clock.fixed(START.plus(Duration.ofDays(200)), ZoneOffset.UTC));
    assertThat(plan.actions()).hasSize(1);

    assertThatThrownBy(() -> executor(local).build().apply(plan))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("in the future");
    assertThatThrownBy(() -> executor(local).build().dryRun(plan))
        .isInstanceOf(InvalidInputException.class);
    assertThat(local.images(io.cloudimage.core.provider.ImageQuery.ALL).count()).isEqualTo(1);
    assertThat(Journal.readRecords(dir.resolve("journal"))).isEmpty();
  }

  @Test
  void planOlderThanTheMaximumAgeIsRefused() throws Exception {
    importDisk(local, "a");
    clock.advance(Duration.ofDays(60));
    Plan plan = plan(local, deregisterUnused(), clock);
    clock.advance(Duration.ofHours(25));

    assertThatThrownBy(() -> executor(local).build().apply(plan))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more than PT24H ago");
    ApplyResult allowed = executor(local).maxPlanAge(Duration.ofHours(48)).build().dryRun(plan);
    assertThat(allowed.count(Status.WOULD_RUN)).isEqualTo(1);
  }

  @Test
  void journalOfAnotherHomeIsRefusedInsteadOfReportingAlreadyDone() throws Exception {
    Image a = importDisk(local, "a");
    clock.advance(Duration.ofDays(60));
    Plan plan = plan(local, deregisterUnused(), clock);
    assertThat(executor(local).build().apply(plan).count(Status.DONE)).isEqualTo(1);
    assertThat(local.find(a.nativeId())).isEmpty();

    // A second home with an image of the same id would get the very same plan digest.
    try (LocalProvider other = home("other")) {
      assertThat(other.identity()).isNotEqualTo(local.identity()).startsWith("local:");
      assertThatThrownBy(() -> executor(other).build().apply(plan))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("belongs to " + local.identity());
      assertThatThrownBy(() -> executor(other).build().dryRun(plan))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void deregisterInterruptedAfterTheImageWentFinishesDeletingItsSnapshot() throws Exception {
    Image a = importDisk(local, "a");
    String snap = snapshotOf(a);
    clock.advance(Duration.ofDays(60));
    Plan plan = plan(local, deregisterUnused(), clock);
    String op = plan.digest() + "#0";
    // What a kill -9 between the image's removal and its snapshot's leaves: an INTENT naming the
    // snapshot, the image gone, the snapshot still there.
    try (Journal j = Journal.open(dir.resolve("journal"), clock)) {
      j.append("RUN_START", r -> r.put("plan", plan.digest()).put("identity", local.identity()));
      j.append(
          "INTENT",
          r -> {
            r.put("op", op).put("kind", "IMAGE").put("resource", a.nativeId());
            r.put("action", "DEREGISTER").putList("snapshots", java.util.List.of(snap));
          });
    }
    local.deregister(a.nativeId(), DeregisterOptions.KEEP_SNAPSHOTS);
    assertThat(local.describeSnapshot(snap)).isNotNull();

    ApplyResult r = executor(local).build().apply(plan);

    assertThat(r.results().get(0).status()).isEqualTo(Status.DONE);
    assertThat(r.results().get(0).detail()).contains("finished by deleting snapshot(s) " + snap);
    assertThatThrownBy(() -> local.describeSnapshot(snap)).isInstanceOf(NotFoundException.class);
    assertThat(local.recoveryWindow(snap)).isPresent();
    assertThat(Journal.verify(dir.resolve("journal")).valid()).isTrue();
  }

  @Test
  void combinedConditionsAreReCheckedAtApplyOnTheImageWithItsTags() throws Exception {
    Image kept = importDisk(local, "kept");
    Image untagged = importDisk(local, "untagged");
    local.tag(kept.nativeId(), Tags.of("env", "test"), java.util.Set.of());
    local.tag(untagged.nativeId(), Tags.of("env", "test"), java.util.Set.of());
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("combined")
            .allowActionsOnNewestOfFamily()
            .rule(
                "test-or-ancient",
                r ->
                    r.when(
                            Condition.anyOf(
                                Condition.tagMatches("env", "test"),
                                Condition.unusedFor(Duration.ofDays(3650))))
                        .then(Action.DEREGISTER))
            .build();
    Plan plan = plan(local, policy, clock);
    assertThat(plan.actions()).hasSize(2);
    // The plan file carries the combined condition; the executor reads it back.
    Path file = dir.resolve("combined-plan.json");
    plan.write(file);
    local.tag(untagged.nativeId(), Tags.EMPTY, java.util.Set.of("env"));

    ApplyResult r = executor(local).build().apply(Plan.read(file));

    ActionResult done =
        r.results().stream().filter(x -> x.resource().equals(kept.nativeId())).findFirst().get();
    ActionResult skipped =
        r.results().stream()
            .filter(x -> x.resource().equals(untagged.nativeId()))
            .findFirst()
            .get();
    // A compact resource without tags would fail the anyOf on both images.
    assertThat(done.status()).isEqualTo(Status.DONE);
    assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
    assertThat(skipped.detail()).startsWith("changed since planning");
    assertThat(local.find(untagged.nativeId())).isPresent();
  }
}
