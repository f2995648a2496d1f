package io.cloudimage.core.lifecycle.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.ResourceKind;
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
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor against the real local provider: small disk files imported into a home, planned with
 * a clock moved past the rules' thresholds, then applied.
 */
class LocalProviderExecutionTest {
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");

  @TempDir Path dir;

  private MutableClock clock;
  private LocalProvider local;
  private int disks;

  @BeforeEach
  void openHome() {
    clock = new MutableClock(START);
    local =
        LocalProvider.builder()
            .home(dir.resolve("home"))
            .clock(clock)
            .trashRetention(Duration.ofDays(7))
            .build();
  }

  @AfterEach
  void closeHome() {
    local.close();
  }

  /** Imports a disk file of {@code kib} KiB of non-zero bytes written by the test. */
  private Image importDisk(String name, int kib, Tags tags) throws IOException {
    byte[] bytes = new byte[kib * 1024];
    Arrays.fill(bytes, (byte) (0x41 + disks % 26));
    Path disk = dir.resolve("disk-" + disks++ + ".raw");
    Files.write(disk, bytes);
    return local.importImage(
        ImportRequest.of(disk, name, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64)
            .withTags(tags),
        ProgressListener.NONE,
        Cancellation.never());
  }

  private static String snapshotOf(Image image) {
    return image.guest().deviceBindings().stream()
        .map(DeviceBinding::snapshotId)
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow();
  }

  private Plan plan(LifecyclePolicy policy) {
    return LifecyclePlanner.builder()
        .prices(local.tierPrices())
        .build()
        .plan(Inventory.of(local), policy, clock);
  }

  private PlanExecutor executor() {
    return PlanExecutor.builder()
        .provider(local)
        .journal(dir.resolve("journal"))
        .clock(clock)
        .build();
  }

  private List<JournalRecord> journal() {
    return Journal.readRecords(dir.resolve("journal"));
  }

  private static PlannedAction actionOn(Plan plan, String resource) {
    return plan.actions().stream()
        .filter(a -> a.resource().equals(resource))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no action on " + resource + " in " + plan));
  }

  private static ActionResult resultFor(ApplyResult result, String resource) {
    return result.results().stream()
        .filter(r -> r.resource().equals(resource))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + resource));
  }

  /** Erase what is secret, deregister what is unused, delete orphaned snapshots. */
  private static LifecyclePolicy destructive() {
    return LifecyclePolicy.builder()
        .name("clean-up")
        .rule(
            "erase-secret", r -> r.when(Condition.tagMatches("data", "secret")).then(Action.ERASE))
        .rule(
            "deregister-unused-60d",
            r -> r.when(Condition.unusedFor(Duration.ofDays(60))).then(Action.DEREGISTER))
        .rule(
            "delete-old-snapshots",
            r -> r.when(Condition.olderThan(Duration.ofDays(60))).then(Action.DELETE_SNAPSHOT))
        .build();
  }

  // ---- the default policy ----

  @Test
  void defaultPolicyArchivesAnUnusedImageAndKeepsItsBackingSnapshotWhereItIs() throws Exception {
    Image unused = importDisk("unused", 8, Tags.EMPTY);
    Image busy = importDisk("busy", 4, Tags.EMPTY);
    clock.advance(Duration.ofDays(100));
    local.launch(busy.nativeId());
    clock.advance(Duration.ofDays(20));

    Plan plan = plan(LifecyclePolicy.defaultPolicy());

    assertThat(plan.actions())
        .extracting(PlannedAction::resource, PlannedAction::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(unused.nativeId(), Action.ARCHIVE));
    assertThat(plan.skipped())
        .filteredOn(s -> s.resource().equals(snapshotOf(unused)))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.action()).isEqualTo(Action.MOVE_TIER);
              assertThat(s.reason()).isEqualTo("excluded: backs a registered image");
            });

    ApplyResult applied = executor().apply(plan);

    assertThat(applied.complete()).isTrue();
    assertThat(resultFor(applied, unused.nativeId()).status()).isEqualTo(Status.DONE);
    assertThat(local.describe(unused.nativeId()).storage().tier()).isEqualTo(StorageTier.ARCHIVE);
    assertThat(local.describeSnapshot(snapshotOf(unused)).tier()).isEqualTo(StorageTier.ARCHIVE);
    assertThat(local.diskFile(snapshotOf(unused))).exists().hasSize(8 * 1024);
    assertThat(local.describe(busy.nativeId()).storage().tier()).isEqualTo(StorageTier.HOT);
  }

  @Test
  void dryRunOfTheDefaultPolicyChangesNothingOnDiskAndWritesNoJournal() throws Exception {
    importDisk("a", 4, Tags.EMPTY);
    importDisk("b", 4, Tags.EMPTY);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(LifecyclePolicy.defaultPolicy());
    assertThat(plan.actions()).hasSize(2);
    Map<String, String> before = LocalHomeSnapshot.of(local.home());

    ApplyResult dry = executor().dryRun(plan);

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.count(Status.WOULD_RUN)).isEqualTo(2);
    assertThat(LocalHomeSnapshot.of(local.home())).isEqualTo(before);
    assertThat(journal()).isEmpty();
  }

  @Test
  void rerunOfAnAppliedPlanRepeatsNothingAndTheJournalVerifies() throws Exception {
    importDisk("a", 4, Tags.EMPTY);
    importDisk("b", 6, Tags.EMPTY);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(LifecyclePolicy.defaultPolicy());
    ApplyResult first = executor().apply(plan);
    assertThat(first.count(Status.DONE)).isEqualTo(2);
    Map<String, String> after = LocalHomeSnapshot.of(local.home());
    int records = journal().size();

    clock.advance(Duration.ofHours(1));
    ApplyResult second = executor().apply(plan);

    assertThat(second.count(Status.ALREADY_DONE)).isEqualTo(2);
    assertThat(LocalHomeSnapshot.of(local.home())).isEqualTo(after);
    // Only the second run's start and end were written.
    assertThat(journal().subList(records, journal().size()))
        .extracting(JournalRecord::type)
        .containsExactly("RUN_START", "RUN_END");
    assertThat(Journal.verify(dir.resolve("journal")).valid()).isTrue();
  }

  @Test
  void imageLaunchedAfterPlanningIsSkippedWithItsReasonInTheJournal() throws Exception {
    Image image = importDisk("launched-later", 4, Tags.EMPTY);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(LifecyclePolicy.defaultPolicy());
    assertThat(actionOn(plan, image.nativeId()).action()).isEqualTo(Action.ARCHIVE);
    local.launch(image.nativeId());

    ApplyResult r = executor().apply(plan);

    assertThat(resultFor(r, image.nativeId()).status()).isEqualTo(Status.SKIPPED);
    assertThat(journal())
        .filteredOn(x -> x.type().equals("SKIPPED"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.text("resource")).isEqualTo(image.nativeId());
              assertThat(x.text("detail")).isEqualTo("came into use since planning");
            });
    assertThat(local.describe(image.nativeId()).storage().tier()).isEqualTo(StorageTier.HOT);
  }

  // ---- deregister, delete snapshot, erase ----

  @Test
  void deregisteredImageLandsInTheTrashAndComesBackWithItsDisk() throws Exception {
    Image image = importDisk("old", 4, Tags.EMPTY);
    String snap = snapshotOf(image);
    Path disk = local.diskFile(snap);
    byte[] bytes = Files.readAllBytes(disk);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(destructive());
    assertThat(actionOn(plan, image.nativeId()).action()).isEqualTo(Action.DEREGISTER);

    ApplyResult r = executor().apply(plan);

    assertThat(resultFor(r, image.nativeId()).status()).isEqualTo(Status.DONE);
    assertThat(local.find(image.nativeId())).isEmpty();
    assertThat(disk).doesNotExist();
    assertThat(local.recoveryWindow(image.nativeId())).contains(Duration.ofDays(7));

    local.restoreFromTrash(image.nativeId());

    assertThat(local.describe(image.nativeId()).name()).isEqualTo("old");
    assertThat(local.describeSnapshot(snap).id()).isEqualTo(snap);
    assertThat(Files.readAllBytes(local.diskFile(snap))).isEqualTo(bytes);
  }

  @Test
  void rerunAfterARestoreFromTrashDoesNotDeregisterAgain() throws Exception {
    Image image = importDisk("old", 4, Tags.EMPTY);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(destructive());
    executor().apply(plan);
    local.restoreFromTrash(image.nativeId());

    ApplyResult again = executor().apply(plan);

    assertThat(resultFor(again, image.nativeId()).status()).isEqualTo(Status.ALREADY_DONE);
    assertThat(local.describe(image.nativeId()).state().holdsStorage()).isTrue();
    assertThat(Journal.verify(dir.resolve("journal")).valid()).isTrue();
  }

  @Test
  void eraseWritesASanitizationRecordAndTheDiskFileIsGone() throws Exception {
    Image secret = importDisk("secret", 4, Tags.of("data", "secret"));
    String snap = snapshotOf(secret);
    Path disk = local.diskFile(snap);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(destructive());
    assertThat(actionOn(plan, secret.nativeId()).action()).isEqualTo(Action.ERASE);

    ApplyResult r = executor().apply(plan);

    assertThat(resultFor(r, secret.nativeId()).status()).isEqualTo(Status.DONE);
    assertThat(disk).doesNotExist();
    assertThatThrownBy(() -> local.describeSnapshot(snap)).isInstanceOf(NotFoundException.class);
    assertThat(local.find(secret.nativeId())).isEmpty();
    assertThatThrownBy(() -> local.restoreFromTrash(secret.nativeId()))
        .isInstanceOf(NotFoundException.class);
    assertThat(journal())
        .filteredOn(x -> x.type().equals("SANITIZATION"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.text("resource")).isEqualTo(secret.nativeId());
              assertThat(x.text("standard")).isEqualTo("NIST SP 800-88");
              assertThat(x.text("method")).isEqualTo("CLEAR");
              assertThat(x.text("detail")).contains("overwrote " + 4 * 1024 + " bytes");
            });
  }

  @Test
  void snapshotBackingARegisteredImageIsNeverPlannedForDeletion() throws Exception {
    Image kept = importDisk("kept", 4, Tags.EMPTY);
    String snap = snapshotOf(kept);
    clock.advance(Duration.ofDays(100));
    local.launch(kept.nativeId());
    local.stop(kept.nativeId());
    clock.advance(Duration.ofDays(20));

    Plan plan = plan(destructive());

    assertThat(plan.actions()).noneMatch(a -> a.resource().equals(snap));
    assertThat(plan.skipped())
        .filteredOn(s -> s.resource().equals(snap))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.action()).isEqualTo(Action.DELETE_SNAPSHOT);
              assertThat(s.reason()).isEqualTo("excluded: backs a registered image");
            });
    executor().apply(plan);
    assertThat(local.diskFile(snap)).exists();
  }

  @Test
  void orphanSnapshotThatBacksAnImageRegisteredAfterPlanningIsNotDeleted() throws Exception {
    Image gone = importDisk("gone", 4, Tags.EMPTY);
    String snap = snapshotOf(gone);
    local.deregister(gone.nativeId(), DeregisterOptions.KEEP_SNAPSHOTS);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(destructive());
    PlannedAction delete = actionOn(plan, snap);
    assertThat(delete.kind()).isEqualTo(ResourceKind.SNAPSHOT);
    assertThat(delete.action()).isEqualTo(Action.DELETE_SNAPSHOT);
    Image revived =
        local.createImage(
            CreateRequest.of(snap, "revived"), ProgressListener.NONE, Cancellation.never());

    ApplyResult r = executor().apply(plan);

    ActionResult result = resultFor(r, snap);
    assertThat(result.status()).isEqualTo(Status.SKIPPED);
    assertThat(result.detail()).startsWith("backs image " + revived.nativeId());
    assertThat(local.diskFile(snap)).exists();
    assertThat(journal())
        .anyMatch(x -> x.type().equals("SKIPPED") && snap.equals(x.text("resource")));
  }

  @Test
  void orphanSnapshotIsDeletedIntoTheTrashAndCanBeRestored() throws Exception {
    Image gone = importDisk("gone", 4, Tags.EMPTY);
    String snap = snapshotOf(gone);
    Path disk = local.diskFile(snap);
    local.deregister(gone.nativeId(), DeregisterOptions.KEEP_SNAPSHOTS);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(destructive());

    ApplyResult r = executor().apply(plan);

    assertThat(resultFor(r, snap).status()).isEqualTo(Status.DONE);
    assertThat(disk).doesNotExist();
    local.restoreFromTrash(snap);
    assertThat(local.diskFile(snap)).exists().hasSize(4 * 1024);
  }

  @Test
  void destructivePlanAppliesEachActionOnceAcrossReruns() throws Exception {
    Image secret = importDisk("secret", 4, Tags.of("data", "secret"));
    Image old = importDisk("old", 4, Tags.EMPTY);
    Image launchedLater = importDisk("launched-later", 4, Tags.EMPTY);
    Image orphaned = importDisk("orphaned", 4, Tags.EMPTY);
    local.deregister(orphaned.nativeId(), DeregisterOptions.KEEP_SNAPSHOTS);
    clock.advance(Duration.ofDays(120));
    Plan plan = plan(destructive());
    assertThat(plan.actions())
        .extracting(PlannedAction::resource, PlannedAction::action)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(secret.nativeId(), Action.ERASE),
            org.assertj.core.groups.Tuple.tuple(old.nativeId(), Action.DEREGISTER),
            org.assertj.core.groups.Tuple.tuple(launchedLater.nativeId(), Action.DEREGISTER),
            org.assertj.core.groups.Tuple.tuple(snapshotOf(orphaned), Action.DELETE_SNAPSHOT));
    Map<String, String> untouched = LocalHomeSnapshot.of(local.home());

    ApplyResult dry = executor().dryRun(plan);
    assertThat(dry.count(Status.WOULD_RUN)).isEqualTo(4);
    assertThat(LocalHomeSnapshot.of(local.home())).isEqualTo(untouched);

    local.launch(launchedLater.nativeId());
    ApplyResult first = executor().apply(plan);
    assertThat(first.count(Status.DONE)).isEqualTo(3);
    assertThat(resultFor(first, launchedLater.nativeId()).detail())
        .isEqualTo("came into use since planning");
    Map<String, String> applied = LocalHomeSnapshot.of(local.home());

    ApplyResult second = executor().apply(plan);

    assertThat(second.count(Status.ALREADY_DONE)).isEqualTo(4);
    assertThat(LocalHomeSnapshot.of(local.home())).isEqualTo(applied);
    assertThat(journal()).filteredOn(x -> x.type().equals("INTENT")).hasSize(3);
    assertThat(journal()).filteredOn(x -> x.type().equals("SANITIZATION")).hasSize(1);
    assertThat(Journal.verify(dir.resolve("journal")).valid()).isTrue();
    assertThat(local.describe(launchedLater.nativeId()).usage().inUse()).isTrue();
  }
}
