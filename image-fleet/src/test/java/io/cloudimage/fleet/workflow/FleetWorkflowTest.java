package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.ThrottledException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
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
 * The fleet and shard workflows in Temporal's in-process test environment (time skipping), over
 * local homes standing in for accounts × regions.
 */
class FleetWorkflowTest {
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
    FleetWorkers.register(env.getWorkerFactory(), FleetFixture.QUEUE, activities);
    env.start();
  }

  private FleetLifecycleWorkflow fleet(String id) {
    return client.newWorkflowStub(
        FleetLifecycleWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(FleetFixture.QUEUE).setWorkflowId(id).build());
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

  /** The shard's status, PENDING until its workflow exists. */
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
  void everyShardIsPlannedAndAppliedWithItsOwnVerifiedJournal() throws Exception {
    List<Shard> shards = fixture.shards(2, List.of("lab-1", "lab-2"), 2);
    startWorker(fixture.activities());

    FleetReport report =
        fleet("all").run(fixture.run(shards, ApprovalThresholds.NONE, 2, Integer.MAX_VALUE));

    assertThat(report.shards()).extracting(ShardReport::status).containsOnly(ShardStatus.APPLIED);
    assertThat(report.actions()).isEqualTo(8);
    for (Shard s : shards) {
      assertThat(fixture.doneCounts(s)).hasSize(2).allSatisfy((op, n) -> assertThat(n).isOne());
      assertThat(Journal.verify(fixture.journal(s)).valid()).isTrue();
    }
    assertThat(report.shards()).allSatisfy(r -> assertThat(r.plan()).hasSize(64));
  }

  @Test
  void aShardOverTheThresholdWaitsForItsApprovalSignal() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2"), 2);
    // lab-1 plans 2 deletions, over the bound of 1; approval comes from the fleet's signal.
    startWorker(fixture.activities());
    FleetLifecycleWorkflow fleet = fleet("approval");
    WorkflowClient.start(
        fleet::run, fixture.run(shards, new ApprovalThresholds(null, 1), 2, Integer.MAX_VALUE));

    eventually(() -> shardStatus("approval", shards.get(0)) == ShardStatus.AWAITING_APPROVAL);
    eventually(() -> shardStatus("approval", shards.get(1)) == ShardStatus.AWAITING_APPROVAL);
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
  void aCancelSignalStopsNewActionsAndNewShards() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2", "lab-3"), 1);
    startWorker(fixture.activities());
    FleetLifecycleWorkflow fleet = fleet("cancel");
    // One shard at a time; the first waits for an approval that never comes.
    WorkflowClient.start(fleet::run, fixture.run(shards, new ApprovalThresholds(null, 0), 1, 10));
    eventually(() -> shardStatus("cancel", shards.get(0)) == ShardStatus.AWAITING_APPROVAL);
    assertThat(fleet.progress().running()).isEqualTo(1);

    fleet.cancel();
    FleetReport report = WorkflowStub.fromTyped(fleet).getResult(FleetReport.class);

    assertThat(report.shards())
        .extracting(ShardReport::status)
        .containsExactly(ShardStatus.CANCELLED, ShardStatus.NOT_STARTED, ShardStatus.NOT_STARTED);
    assertThat(report.shards().get(0).actions()).isEqualTo(1);
    for (Shard s : shards) {
      assertThat(fixture.doneCounts(s)).isEmpty();
    }
    assertThat(fleet.progress().cancelled()).isTrue();
  }

  @Test
  void throttlingIsRetriedAndAccessDeniedFailsOnlyItsShard() throws Exception {
    List<Shard> shards = fixture.shards(2, List.of("lab-1", "lab-2"), 1);
    Shard throttled = shards.get(0);
    Shard denied = shards.get(3);
    Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
    ProviderOpener real = ProviderOpener.providers();
    ProviderOpener flaky =
        shard -> {
          int n = opens.computeIfAbsent(shard.id(), k -> new AtomicInteger()).incrementAndGet();
          if (shard.equals(throttled) && n <= 2) {
            throw new ThrottledException("Rate exceeded (test)");
          }
          if (shard.equals(denied)) {
            throw new AccessDeniedException("not authorized to perform ec2:DescribeImages (test)");
          }
          ImageProvider p = real.open(shard);
          return p;
        };
    startWorker(fixture.activities(flaky));

    FleetReport report =
        fleet("faults").run(fixture.run(shards, ApprovalThresholds.NONE, 4, Integer.MAX_VALUE));

    assertThat(report.shards())
        .extracting(ShardReport::status)
        .containsExactly(
            ShardStatus.APPLIED, ShardStatus.APPLIED, ShardStatus.APPLIED, ShardStatus.FAILED);
    // Two throttled opens, then inventory, plan and apply each open once.
    assertThat(opens.get(throttled.id())).hasValue(5);
    // Access denied is not retried.
    assertThat(opens.get(denied.id())).hasValue(1);
    assertThat(report.shards().get(3).error()).startsWith("AccessDeniedException: not authorized");
    assertThat(fixture.doneCounts(throttled)).hasSize(1);
    assertThat(fixture.doneCounts(denied)).isEmpty();
  }

  @Test
  void pastTheFailureBoundNoNewShardStarts() throws Exception {
    List<Shard> shards = fixture.shards(1, List.of("lab-1", "lab-2", "lab-3"), 1);
    ProviderOpener denied =
        shard -> {
          throw new AccessDeniedException("denied (test)");
        };
    startWorker(fixture.activities(denied));

    FleetReport report = fleet("bound").run(fixture.run(shards, ApprovalThresholds.NONE, 1, 1));

    assertThat(report.shards())
        .extracting(ShardReport::status)
        .containsExactly(ShardStatus.FAILED, ShardStatus.FAILED, ShardStatus.NOT_STARTED);
    assertThat(report.shards().get(2).error()).isEqualTo("more than 1 shards failed");
  }
}
