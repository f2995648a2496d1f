package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.ThrottledException;
import io.cloudimage.core.journal.Journal;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards planned in batches, in Temporal's in-process test environment (time skipping): a shard's
 * failure stays its own, throttled shards are planned again in their own workflows, plan-only runs
 * start no shard workflow, and shards to apply start from their batch's plan.
 */
class BatchedPlanningTest {
  @TempDir Path dir;

  private FleetFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();

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

  private void startWorker(ProviderOpener opener) {
    FleetWorkers.register(
        env.getWorkerFactory(),
        FleetFixture.QUEUE,
        fixture.activities(FleetFixture.counting(opens, opener)),
        fixture.blobs);
    env.start();
  }

  private FleetLifecycleWorkflow fleet(String id) {
    return client.newWorkflowStub(
        FleetLifecycleWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(FleetFixture.QUEUE).setWorkflowId(id).build());
  }

  private record Result(FleetReport report, List<FleetHistory.Run> runs) {
    int shardWorkflows() {
      return runs.stream().mapToInt(FleetHistory.Run::shardWorkflows).sum();
    }
  }

  private Result runToEnd(String id, FleetRun run) {
    FleetLifecycleWorkflow fleet = fleet(id);
    WorkflowExecution first = WorkflowClient.start(fleet::run, run);
    FleetReport report = WorkflowStub.fromTyped(fleet).getResult(FleetReport.class);
    return new Result(report, FleetHistory.runs(client, id, first.getRunId()));
  }

  private int opens(Shard shard) {
    AtomicInteger n = opens.get(shard.id());
    return n == null ? 0 : n.get();
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

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 20 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aShardDeniedInsideABatchFailsAloneAndAPlanOnlyRunStartsNoShardWorkflow() throws Exception {
    List<Shard> shards = fixture.shards(2, List.of("lab-1", "lab-2"), 1);
    Shard denied = shards.get(1);
    ProviderOpener real = ProviderOpener.providers();
    startWorker(
        shard -> {
          if (shard.equals(denied)) {
            throw new AccessDeniedException("not authorized to perform ec2:DescribeImages (test)");
          }
          return real.open(shard);
        });

    Result result = runToEnd("denied", fixture.planRun(shards, 8, Integer.MAX_VALUE));

    assertThat(result.report().shards())
        .extracting(ShardReport::status)
        .containsExactly(
            ShardStatus.PLANNED, ShardStatus.FAILED, ShardStatus.PLANNED, ShardStatus.PLANNED);
    assertThat(result.report().shards().get(1).error())
        .isEqualTo("AccessDeniedException: not authorized to perform ec2:DescribeImages (test)");
    assertThat(result.report().actions()).isEqualTo(3);
    assertThat(result.report().shards())
        .filteredOn(r -> r.status() == ShardStatus.PLANNED)
        .allSatisfy(r -> assertThat(fixture.blobs.get(r.plan())).isRegularFile());
    // Not retried; the others list and plan with one provider each.
    assertThat(opens(denied)).isOne();
    assertThat(shards).allSatisfy(s -> assertThat(opens(s)).isOne());
    // Four shards, one batch, no shard workflow.
    assertThat(result.runs()).hasSize(1);
    assertThat(result.runs().get(0).activities()).isOne();
    assertThat(result.shardWorkflows()).isZero();
  }

  @Test
  void aThrottledShardIsPlannedAgainInItsOwnWorkflowWithItsRetries() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2", "lab-3"), 1);
    Shard throttled = shards.get(1);
    ProviderOpener real = ProviderOpener.providers();
    AtomicInteger throttledOpens = new AtomicInteger();
    startWorker(
        shard -> {
          if (shard.equals(throttled) && throttledOpens.incrementAndGet() <= 2) {
            throw new ThrottledException("Rate exceeded (test)");
          }
          return real.open(shard);
        });

    Result result = runToEnd("throttled", fixture.planRun(shards, 8, Integer.MAX_VALUE));

    assertThat(result.report().shards())
        .extracting(ShardReport::status)
        .containsOnly(ShardStatus.PLANNED);
    assertThat(result.report().shards()).allSatisfy(r -> assertThat(r.actions()).isOne());
    // In the batch: throttled. In its workflow: throttled, then inventory and plan.
    assertThat(opens(throttled)).isEqualTo(4);
    assertThat(result.shardWorkflows()).isOne();
    assertThat(shardStatus("throttled", throttled)).isEqualTo(ShardStatus.PLANNED);
    assertThat(shardStatus("throttled", shards.get(0))).isEqualTo(ShardStatus.PENDING);
  }

  @Test
  void applyingAfterABatchedPlanRunsEveryActionOnceAndPlansNothingAgain() throws Exception {
    List<Shard> shards = fixture.shards(2, List.of("lab-1", "lab-2"), 2);
    startWorker(ProviderOpener.providers());

    Result first = runToEnd("apply", fixture.run(shards, ApprovalThresholds.NONE, 4, 0));

    assertThat(first.report().shards())
        .extracting(ShardReport::status)
        .containsOnly(ShardStatus.APPLIED);
    assertThat(first.report().actions()).isEqualTo(8);
    // One provider for inventory and plan in the batch, one for apply in the shard's workflow.
    assertThat(shards).allSatisfy(s -> assertThat(opens(s)).isEqualTo(2));
    assertThat(first.shardWorkflows()).isEqualTo(4);
    for (Shard s : shards) {
      assertThat(fixture.doneCounts(s)).hasSize(2).allSatisfy((op, n) -> assertThat(n).isOne());
      assertThat(Journal.verify(fixture.journal(s)).valid()).isTrue();
    }

    // The same fleet again: nothing left to do, and nothing done twice.
    Result again = runToEnd("again", fixture.run(shards, ApprovalThresholds.NONE, 4, 0));

    assertThat(again.report().actions()).isZero();
    for (Shard s : shards) {
      assertThat(fixture.doneCounts(s)).hasSize(2).allSatisfy((op, n) -> assertThat(n).isOne());
      assertThat(Journal.verify(fixture.journal(s)).valid()).isTrue();
    }
  }

  @Test
  void aShardPlannedInABatchStillWaitsForItsApprovalSignal() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2"), 2);
    startWorker(ProviderOpener.providers());
    FleetLifecycleWorkflow fleet = fleet("approval");
    WorkflowClient.start(
        fleet::run, fixture.run(shards, new ApprovalThresholds(null, 1), 2, Integer.MAX_VALUE));

    eventually(() -> shardStatus("approval", shards.get(0)) == ShardStatus.AWAITING_APPROVAL);
    eventually(() -> shardStatus("approval", shards.get(1)) == ShardStatus.AWAITING_APPROVAL);
    // Planned in the batch: the shard workflows opened no provider of their own.
    assertThat(shards).allSatisfy(s -> assertThat(opens(s)).isOne());
    assertThat(fixture.doneCounts(shards.get(0))).isEmpty();

    fleet.approve(shards.get(0).id());
    eventually(() -> shardStatus("approval", shards.get(0)) == ShardStatus.APPLIED);
    assertThat(fixture.doneCounts(shards.get(0))).hasSize(2);
    assertThat(shardStatus("approval", shards.get(1))).isEqualTo(ShardStatus.AWAITING_APPROVAL);
    fleet.approve(shards.get(1).id());

    FleetReport report = WorkflowStub.fromTyped(fleet).getResult(FleetReport.class);
    assertThat(report.shards()).extracting(ShardReport::status).containsOnly(ShardStatus.APPLIED);
  }

  @Test
  void aStoredRunPlansInBatchesAcrossContinuedRunsWithTheTotalsOfOneBatch() throws Exception {
    List<Shard> shards = fixture.shards(3, List.of("lab-1", "lab-2", "lab-3"), 2);
    startWorker(ProviderOpener.providers());

    Result whole = runToEnd("whole", fixture.planRun(shards, 4, Integer.MAX_VALUE));
    FleetRun windows =
        FleetRuns.store(fixture.planRun(shards, 4, Integer.MAX_VALUE), fixture.blobs)
            .withShardsPerRun(4)
            .withShardsPerPlanBatch(2);
    Result continued = runToEnd("windows", windows);

    // 9 shards, 4 per run, 2 per batch: runs of 2, 2 and 1 batches, no shard workflow.
    assertThat(continued.runs()).extracting(FleetHistory.Run::activities).containsExactly(2, 2, 1);
    assertThat(continued.shardWorkflows()).isZero();
    assertThat(whole.runs().get(0).activities()).isOne();
    assertThat(continued.report().totals()).isEqualTo(whole.report().totals());
    assertThat(continued.report().count(ShardStatus.PLANNED)).isEqualTo(9);
    assertThat(FleetRuns.shardReports(continued.report(), fixture.blobs))
        .extracting(ShardReport::shard)
        .containsExactlyElementsOf(shards);
  }
}
