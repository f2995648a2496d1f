package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker stopped in the middle of a shard's apply, and a new one started: the workflow completes
 * and the shard's journal shows every action done exactly once.
 */
class WorkerRestartTest {
  @TempDir Path dir;

  @Test
  void aWorkerStoppedMidApplyIsReplacedAndNoActionIsRepeated() throws Exception {
    FleetFixture fixture = new FleetFixture(dir);
    List<Shard> shards = fixture.shards(1, List.of("lab-1"), 4);
    Shard shard = shards.get(0);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkflowClient client = env.getWorkflowClient();

      // The first worker's apply stops after its second action until the worker is stopped; the
      // activity then dies with the worker, as on a machine going down.
      CountDownLatch twoDone = new CountDownLatch(1);
      CountDownLatch stopped = new CountDownLatch(1);
      AtomicInteger actions = new AtomicInteger();
      ShardActivitiesImpl hanging =
          fixture
              .activities()
              .withProgress(
                  p -> {
                    if (actions.incrementAndGet() == 2) {
                      twoDone.countDown();
                      try {
                        stopped.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      throw new IllegalStateException("the worker's machine went down");
                    }
                  });
      // Workflow tasks run on a worker of their own: the test server hands tasks to the polls of a
      // stopped worker, which a cluster's timeouts recover for activities but not for workflow
      // tasks. The worker stopped here is the one that runs the shard's activities.
      WorkerFactory workflows = WorkerFactory.newInstance(client);
      workflows
          .newWorker(FleetFixture.QUEUE)
          .registerWorkflowImplementationTypes(
              FleetLifecycleWorkflowImpl.class, ShardLifecycleWorkflowImpl.class);
      workflows.start();
      WorkerFactory first = WorkerFactory.newInstance(client);
      FleetWorkers.registerActivities(first.newWorker(FleetFixture.QUEUE), hanging);
      first.start();

      FleetLifecycleWorkflow fleet =
          client.newWorkflowStub(
              FleetLifecycleWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(FleetFixture.QUEUE)
                  .setWorkflowId("restart")
                  .build());
      FleetRun run = fixture.run(shards, ApprovalThresholds.NONE, 1, 0);
      WorkflowClient.start(fleet::run, run);
      assertThat(twoDone.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.doneCounts(shard)).hasSize(2);

      first.shutdown();
      stopped.countDown();
      first.awaitTermination(10, TimeUnit.SECONDS);
      assertThat(first.isTerminated()).isTrue();

      WorkerFactory second = WorkerFactory.newInstance(client);
      FleetWorkers.registerActivities(second.newWorker(FleetFixture.QUEUE), fixture.activities());
      second.start();
      FleetReport report = WorkflowStub.fromTyped(fleet).getResult(FleetReport.class);
      second.shutdown();
      workflows.shutdown();

      ShardReport r = report.shards().get(0);
      assertThat(r.status()).isEqualTo(ShardStatus.APPLIED);
      ApplySummary applied = r.applied();
      assertThat(applied).isNotNull();
      // What the first worker finished (two actions, perhaps a third as it went down) is not
      // repeated; the second does the rest.
      assertThat(applied.alreadyDone()).isGreaterThanOrEqualTo(2);
      assertThat(applied.alreadyDone() + applied.done()).as(applied.toString()).isEqualTo(4);
      assertThat(fixture.doneCounts(shard)).hasSize(4).allSatisfy((op, n) -> assertThat(n).isOne());
      assertThat(Journal.verify(fixture.journal(shard)).valid()).isTrue();
    }
  }
}
