package io.cloudimage.fleet.workflow;

import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/** Registers the fleet's workflows and activities on a task queue. */
public final class FleetWorkers {
  /** The task queue used when none is given. */
  public static final String DEFAULT_TASK_QUEUE = "cloudimage-fleet";

  private FleetWorkers() {}

  /**
   * Adds a worker for {@code taskQueue} to {@code factory}, running the fleet and shard workflows
   * and {@code activities}; start the factory to begin polling.
   */
  public static Worker register(
      WorkerFactory factory, String taskQueue, ShardActivities activities) {
    return register(factory, factory.newWorker(taskQueue), activities);
  }

  /**
   * As {@link #register(WorkerFactory, String, ShardActivities, BlobStore)}, running at most {@code
   * activitySlots} activities at once on this worker, so that a worker planning on as many cores as
   * it has slots leaves further batches to other workers instead of queueing them behind its own.
   *
   * @throws IllegalArgumentException when {@code activitySlots} is not positive
   */
  public static Worker register(
      WorkerFactory factory,
      String taskQueue,
      ShardActivities activities,
      BlobStore blobs,
      int activitySlots) {
    if (activitySlots < 1) {
      throw new IllegalArgumentException("activitySlots must be >= 1, was " + activitySlots);
    }
    Worker worker =
        register(
            factory,
            factory.newWorker(
                taskQueue,
                WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(activitySlots)
                    .build()),
            activities);
    worker.registerActivitiesImplementations(new FleetActivitiesImpl(blobs));
    return worker;
  }

  private static Worker register(WorkerFactory factory, Worker worker, ShardActivities activities) {
    worker.registerWorkflowImplementationTypes(
        FleetLifecycleWorkflowImpl.class, ShardLifecycleWorkflowImpl.class);
    registerActivities(worker, activities);
    return worker;
  }

  /**
   * Registers {@code activities} on {@code worker} with the plan batch activity over them, which
   * every fleet run calls to plan its shards. Shard activities that are not also {@link
   * ShardPlanning} send every shard of a batch back to be planned by its own shard workflow.
   * Package-private: Temporal's worker type stays out of the public API of the module's new code.
   */
  static void registerActivities(Worker worker, ShardActivities activities) {
    worker.registerActivitiesImplementations(
        activities, new PlanBatchActivitiesImpl(planning(activities)));
  }

  private static ShardPlanning planning(ShardActivities activities) {
    if (activities instanceof ShardPlanning planning) {
      return planning;
    }
    return (task, progress) -> {
      throw ApplicationFailure.newFailure(
          "these shard activities plan in shard workflows only", "PlannedPerShard");
    };
  }

  /**
   * As {@link #register(WorkerFactory, String, ShardActivities)}, and also runs the fleet
   * workflow's own page reads and writes over {@code blobs}, which stored runs ({@link
   * FleetRuns#store}) need: a worker registered this way runs inline and stored runs alike.
   */
  public static Worker register(
      WorkerFactory factory, String taskQueue, ShardActivities activities, BlobStore blobs) {
    Worker worker = register(factory, taskQueue, activities);
    worker.registerActivitiesImplementations(new FleetActivitiesImpl(blobs));
    return worker;
  }
}
