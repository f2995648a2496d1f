package io.cloudimage.core.lifecycle.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.progress.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanExecutorTest {
  @TempDir Path dir;

  private PlanExecutor.Builder executor(FileFakeProvider provider) {
    return PlanExecutor.builder()
        .provider(provider.client())
        .journal(dir.resolve("journal"))
        .clock(
            java.time.Clock.fixed(
                io.cloudimage.core.lifecycle.plan.Fixtures.NOW, java.time.ZoneOffset.UTC));
  }

  @Test
  void dryRunChangesNothing() throws Exception {
    Plan plan = Scenario.create(dir, 4);
    ApplyResult r = executor(new FileFakeProvider(dir, 0)).build().dryRun(plan);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.count(Status.WOULD_RUN)).isEqualTo(plan.actions().size());
    assertThat(FileFakeProvider.ops(dir)).isEmpty();
    assertThat(Journal.readRecords(dir.resolve("journal"))).isEmpty();
  }

  @Test
  void appliesEveryActionOnceAndARerunRepeatsNothing() throws Exception {
    Plan plan = Scenario.create(dir, 4);
    FileFakeProvider provider = new FileFakeProvider(dir, 0);
    List<String> progress = new CopyOnWriteArrayList<>();
    ApplyResult first =
        executor(provider)
            .concurrency(3)
            .ratePerSecond(500)
            .listener(p -> progress.add(p.message()))
            .build()
            .apply(plan);
    assertThat(first.complete()).isTrue();
    assertThat(first.count(Status.DONE)).isEqualTo(plan.actions().size());
    assertThat(progress).hasSize(plan.actions().size());
    int ops = FileFakeProvider.ops(dir).size();
    ApplyResult second = executor(provider).build().apply(plan);
    assertThat(second.count(Status.ALREADY_DONE)).isEqualTo(plan.actions().size());
    assertThat(FileFakeProvider.ops(dir)).hasSize(ops);
    assertThat(Journal.verify(dir.resolve("journal")).valid()).isTrue();
  }

  @Test
  void imageThatCameIntoUseSincePlanningIsSkippedWithReason() throws Exception {
    Plan plan = Scenario.create(dir, 4);
    FileFakeProvider provider = new FileFakeProvider(dir, 0);
    PlannedAction dereg =
        plan.actions().stream()
            .filter(a -> a.action() == Action.DEREGISTER)
            .findFirst()
            .orElseThrow();
    provider.markInUse(dereg.resource());
    ApplyResult r = executor(provider).build().apply(plan);
    assertThat(r.results())
        .filteredOn(x -> x.resource().equals(dereg.resource()))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.status()).isEqualTo(Status.SKIPPED);
              assertThat(x.detail()).contains("into use");
            });
    assertThat(FileFakeProvider.ops(dir))
        .noneMatch(l -> l.startsWith("DEREGISTER\t" + dereg.resource()));
    assertThat(Journal.readRecords(dir.resolve("journal")))
        .anyMatch(
            rec -> rec.type().equals("SKIPPED") && dereg.resource().equals(rec.text("resource")));
  }

  @Test
  void errorBudgetStopsTheRun() throws Exception {
    Plan plan = Scenario.create(dir, 4);
    FileFakeProvider provider =
        new FileFakeProvider(dir, 0) {
          @Override
          public void deleteSnapshot(String id) {
            throw new io.cloudimage.core.error.ProviderUnavailableException("snapshots down");
          }
        };
    ApplyResult r = executor(provider).errorBudget(1).build().apply(plan);
    assertThat(r.stoppedBy()).isEqualTo("error budget");
    assertThat(r.count(Status.FAILED)).isEqualTo(2);
    assertThat(r.count(Status.NOT_RUN)).isPositive();
  }

  @Test
  void cancellationStopsBeforeTheNextAction() throws Exception {
    Plan plan = Scenario.create(dir, 4);
    Cancellation cancel = Cancellation.create();
    cancel.cancel();
    ApplyResult r = executor(new FileFakeProvider(dir, 0)).cancellation(cancel).build().apply(plan);
    assertThat(r.stoppedBy()).isEqualTo("cancelled");
    assertThat(r.count(Status.NOT_RUN)).isEqualTo(plan.actions().size());
    assertThat(FileFakeProvider.ops(dir)).isEmpty();
  }

  @Test
  void interruptedIntentIsResolvedByAskingTheProvider() throws Exception {
    Plan plan = Scenario.create(dir, 2);
    FileFakeProvider provider = new FileFakeProvider(dir, 0);
    PlannedAction first = plan.actions().get(0);
    PlannedAction second = plan.actions().get(1);
    try (Journal j = Journal.open(dir.resolve("journal"), java.time.Clock.systemUTC())) {
      j.append("RUN_START", r -> r.put("identity", provider.identity()));
      // The first action happened but its DONE was never written; the second never happened.
      j.append("INTENT", r -> r.put("op", plan.digest() + "#0").put("kind", first.kind().name()));
      provider.deleteSnapshot(first.resource());
      j.append("INTENT", r -> r.put("op", plan.digest() + "#1").put("kind", second.kind().name()));
    }
    ApplyResult r = executor(provider).build().apply(plan);
    assertThat(r.complete()).isTrue();
    assertThat(FileFakeProvider.ops(dir)).filteredOn(l -> l.contains(first.resource())).hasSize(1);
    assertThat(FileFakeProvider.ops(dir)).filteredOn(l -> l.contains(second.resource())).hasSize(1);
    List<String> types =
        Journal.readRecords(dir.resolve("journal")).stream()
            .filter(x -> (plan.digest() + "#1").equals(x.text("op")))
            .map(JournalRecord::type)
            .toList();
    assertThat(types).containsExactly("INTENT", "NOT_DONE", "INTENT", "DONE");
  }

  @Test
  void unwritableJournalIsRefusedBeforeAnyAction() throws Exception {
    Plan plan = Scenario.create(dir, 2);
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    PlanExecutor ex =
        PlanExecutor.builder()
            .provider(new FileFakeProvider(dir, 0).client())
            .journal(blocker.resolve("journal"))
            .clock(
                java.time.Clock.fixed(
                    io.cloudimage.core.lifecycle.plan.Fixtures.NOW, java.time.ZoneOffset.UTC))
            .build();
    assertThatThrownBy(() -> ex.apply(plan)).isInstanceOf(AccessDeniedException.class);
    assertThat(FileFakeProvider.ops(dir)).isEmpty();
  }

  @Test
  void journalBoundToAnotherIdentityIsRefusedBeforeAnyAction() throws Exception {
    Plan plan = Scenario.create(dir, 2);
    FileFakeProvider provider = new FileFakeProvider(dir, 0);
    assertThat(executor(provider).build().apply(plan).complete()).isTrue();
    int ops = FileFakeProvider.ops(dir).size();
    FileFakeProvider elsewhere =
        new FileFakeProvider(dir, 0) {
          @Override
          public String identity() {
            return "fake:another-account";
          }
        };

    assertThatThrownBy(() -> executor(elsewhere).build().apply(plan))
        .isInstanceOf(io.cloudimage.core.error.InvalidInputException.class)
        .hasMessageContaining("belongs to " + provider.identity())
        .hasMessageContaining("not to fake:another-account");
    assertThat(FileFakeProvider.ops(dir)).hasSize(ops);
    assertThat(Journal.readRecords(dir.resolve("journal")))
        .filteredOn(r -> r.type().equals("RUN_START"))
        .singleElement()
        .satisfies(r -> assertThat(r.text("identity")).isEqualTo(provider.identity()));
  }

  @Test
  void secondApplyOnALockedJournalFailsWithAConflict() throws Exception {
    Plan plan = Scenario.create(dir, 2);
    FileFakeProvider provider = new FileFakeProvider(dir, 0);
    try (Journal held = Journal.open(dir.resolve("journal"), java.time.Clock.systemUTC())) {
      java.util.concurrent.Future<?> other =
          java.util.concurrent.Executors.newSingleThreadExecutor()
              .submit(
                  () ->
                      executor(provider)
                          .lockWait(java.time.Duration.ofMillis(200))
                          .build()
                          .apply(plan));
      assertThatThrownBy(other::get)
          .hasCauseInstanceOf(io.cloudimage.core.error.ConflictException.class)
          .hasMessageContaining("being written by another apply");
    }
    assertThat(FileFakeProvider.ops(dir)).isEmpty();
    assertThat(executor(provider).build().apply(plan).complete()).isTrue();
  }
}
