package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import io.cloudimage.fleet.simulation.FleetHistory;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet run continuing as new every few shards, in Temporal's in-process test environment (time
 * skipping): its reports, totals, failure bound, signals and progress are those of one long run.
 */
class ContinueAsNewTest {
  @TempDir Path dir;

  private FleetFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new FleetFixture(dir);
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private void startWorker(ShardActivities activities) {
    FleetWorkers.register(env.getWorkerFactory(), FleetFixture.QUEUE, activities, fixture.blobs);
    env.start();
  }

  private FleetLifecycleWorkflow fleet(String id) {
    return client.newWorkflowStub(
        FleetLifecycleWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(FleetFixture.QUEUE).setWorkflowId(id).build());
  }

  /** Runs the fleet to its end; returns its report and how many runs it took. */
  private Result runToEnd(String id, FleetRun run) {
    FleetLifecycleWorkflow fleet = fleet(id);
    WorkflowExecution first = WorkflowClient.start(fleet::run, run);
    FleetReport report = WorkflowStub.fromTyped(fleet).getResult(FleetReport.class);
    return new Result(report, FleetHistory.runs(client, id, first.getRunId()).size());
  }

  private record Result(FleetReport report, int runs) {}

  private List<ShardTask> planTasks(List<Shard> shards) {
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : shards) {
      tasks.add(
          new ShardTask(
              "test", s, fixture.policy.toString(), 50, ApprovalThresholds.NONE, null, false, 5));
    }
    return tasks;
  }

  /** What a shard's report says, without its plan's digest (the plan records when it was made). */
  private static List<Tuple> outcomes(List<ShardReport> reports) {
    return reports.stream()
        .map(
            r ->
                tuple(
                    r.shard(),
                    r.status(),
                    r.actions(),
                    r.skipped(),
                    r.monthlySaving(),
                    r.currency(),
                    r.error()))
        .toList();
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 20 s");
      }
      Thread.sleep(20);
    }
  }

  private ShardStatus shardStatus(String fleetId, Shard shard) {
    try {
      return client
          .newWorkflowStub(ShardLifecycleWorkflow.class, fleetId + "/" + shard.fileName())
          .status();
    } catch (WorkflowNotFoundException e) {
      return ShardStatus.PENDING;
    }
  }

  @Test
  void aStoredRunContinuesAsNewAndEndsWithTheTotalsOfOneRun() throws Exception {
    List<Shard> shards = fixture.shards(3, List.of("lab-1", "lab-2", "lab-3"), 2);
    startWorker(fixture.activities());
    List<ShardTask> tasks = planTasks(shards);

    Result whole = runToEnd("whole", new FleetRun("test", tasks, 3, Integer.MAX_VALUE));
    FleetRun windows =
        FleetRuns.store(new FleetRun("test", tasks, 3, Integer.MAX_VALUE), fixture.blobs)
            .withShardsPerRun(4);
    Result continued = runToEnd("windows", windows);

    assertThat(whole.runs()).isOne();
    // 9 shards, 4 per run: three runs, continued as new twice.
    assertThat(continued.runs()).isEqualTo(3);
    assertThat(whole.report().count(ShardStatus.PLANNED)).isEqualTo(9);
    assertThat(whole.report().actions()).isEqualTo(18);
    assertThat(continued.report().totals()).isEqualTo(whole.report().totals());
    assertThat(continued.report().shards()).isEmpty();
    assertThat(continued.report().pages()).hasSize(3);
    assertThat(outcomes(FleetRuns.shardReports(continued.report(), fixture.blobs)))
        .containsExactlyElementsOf(outcomes(whole.report().shards()));
  }

  @Test
  void anInlineRunContinuesAsNewWithEveryShardsReportInOrder() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2", "lab-3", "lab-4", "lab-5"), 1);
    startWorker(fixture.activities());
    List<ShardTask> tasks = planTasks(shards);

    Result whole = runToEnd("whole", new FleetRun("test", tasks, 2, Integer.MAX_VALUE));
    Result continued =
        runToEnd("windows", new FleetRun("test", tasks, 2, Integer.MAX_VALUE).withShardsPerRun(2));

    assertThat(continued.runs()).isEqualTo(3);
    assertThat(continued.report().totals()).isEqualTo(whole.report().totals());
    assertThat(continued.report().monthlySaving()).isEqualTo(whole.report().monthlySaving());
    assertThat(outcomes(continued.report().shards()))
        .containsExactlyElementsOf(outcomes(whole.report().shards()));
  }

  @Test
  void theFailureBoundHoldsAcrossRuns() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2", "lab-3", "lab-4", "lab-5"), 1);
    ProviderOpener denied =
        shard -> {
          throw new AccessDeniedException("denied (test)");
        };
    startWorker(fixture.activities(denied));

    FleetRun run =
        FleetRuns.store(fixture.run(shards, ApprovalThresholds.NONE, 1, 1), fixture.blobs)
            .withShardsPerRun(1);
    Result result = runToEnd("bound", run);

    assertThat(result.runs()).isEqualTo(5);
    assertThat(FleetRuns.shardReports(result.report(), fixture.blobs))
        .extracting(ShardReport::status)
        .containsExactly(
            ShardStatus.FAILED,
            ShardStatus.FAILED,
            ShardStatus.NOT_STARTED,
            ShardStatus.NOT_STARTED,
            ShardStatus.NOT_STARTED);
    assertThat(result.report().count(ShardStatus.FAILED)).isEqualTo(2);
    assertThat(result.report().count(ShardStatus.NOT_STARTED)).isEqualTo(3);
  }

  @Test
  void signalsAndProgressCarryAcrossRuns() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2", "lab-3", "lab-4", "lab-5"), 1);
    startWorker(fixture.activities());
    FleetLifecycleWorkflow fleet = fleet("signals");
    // Every shard's plan needs approval; one shard at a time, two per run.
    FleetRun run =
        FleetRuns.store(fixture.run(shards, new ApprovalThresholds(null, 0), 1, 0), fixture.blobs)
            .withShardsPerRun(2);
    WorkflowExecution first = WorkflowClient.start(fleet::run, run);

    eventually(() -> shardStatus("signals", shards.get(0)) == ShardStatus.AWAITING_APPROVAL);
    // Approved in the first run, started in the second: the approval is carried over.
    fleet.approve(shards.get(2).id());
    fleet.approve(shards.get(0).id());
    eventually(() -> shardStatus("signals", shards.get(1)) == ShardStatus.AWAITING_APPROVAL);
    fleet.approve(shards.get(1).id());
    eventually(() -> shardStatus("signals", shards.get(3)) == ShardStatus.AWAITING_APPROVAL);

    FleetProgress progress = fleet.progress();
    assertThat(progress.runs()).isEqualTo(2);
    assertThat(progress.shards()).isEqualTo(5);
    assertThat(progress.finished()).isEqualTo(3);
    assertThat(progress.running()).isEqualTo(1);
    assertThat(shardStatus("signals", shards.get(2))).isEqualTo(ShardStatus.APPLIED);

    // Cancelled in the second run; the third starts nothing.
    fleet.cancel();
    FleetReport report = WorkflowStub.fromTyped(fleet).getResult(FleetReport.class);

    assertThat(FleetRuns.shardReports(report, fixture.blobs))
        .extracting(ShardReport::status)
        .containsExactly(
            ShardStatus.APPLIED,
            ShardStatus.APPLIED,
            ShardStatus.APPLIED,
            ShardStatus.CANCELLED,
            ShardStatus.NOT_STARTED);
    assertThat(FleetHistory.runs(client, "signals", first.getRunId())).hasSize(3);
    assertThat(fixture.doneCounts(shards.get(3))).isEmpty();
  }
}
