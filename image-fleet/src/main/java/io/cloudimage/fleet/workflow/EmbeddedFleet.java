package io.cloudimage.fleet.workflow;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.UUID;

/**
 * The fleet's workflows run in this process, on Temporal's in-process service (the one {@code
 * temporal-testing} ships), with time running normally. The same workflow and activity code runs on
 * a cluster; here nothing survives the process, so a run that dies is run again, and the journals
 * make that repeat nothing.
 *
 * <pre>{@code
 * try (EmbeddedFleet engine = EmbeddedFleet.start(activities)) {
 *   FleetReport report = engine.run(fleetRun);
 * }
 * }</pre>
 */
public final class EmbeddedFleet implements AutoCloseable {
  private final TestWorkflowEnvironment env;

  private EmbeddedFleet(TestWorkflowEnvironment env) {
    this.env = env;
  }

  /** Starts the in-process service and a worker running {@code activities} (inline runs). */
  public static EmbeddedFleet start(ShardActivities activities) {
    TestWorkflowEnvironment env = newEnvironment();
    FleetWorkers.register(env.getWorkerFactory(), FleetWorkers.DEFAULT_TASK_QUEUE, activities);
    env.start();
    return new EmbeddedFleet(env);
  }

  /**
   * Starts the in-process service and a worker running {@code activities} and the fleet workflow's
   * page activities over {@code blobs}, for inline and stored runs alike.
   */
  public static EmbeddedFleet start(ShardActivities activities, BlobStore blobs) {
    TestWorkflowEnvironment env = newEnvironment();
    FleetWorkers.register(
        env.getWorkerFactory(), FleetWorkers.DEFAULT_TASK_QUEUE, activities, blobs);
    env.start();
    return new EmbeddedFleet(env);
  }

  private static TestWorkflowEnvironment newEnvironment() {
    return TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  }

  /** Runs the fleet to its end and returns the report. */
  public FleetReport run(FleetRun run) {
    WorkflowClient client = env.getWorkflowClient();
    FleetLifecycleWorkflow workflow =
        client.newWorkflowStub(
            FleetLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(FleetWorkers.DEFAULT_TASK_QUEUE)
                .setWorkflowId("fleet-" + run.fleet() + "-" + UUID.randomUUID())
                .build());
    return workflow.run(run);
  }

  @Override
  public void close() {
    env.close();
  }
}
