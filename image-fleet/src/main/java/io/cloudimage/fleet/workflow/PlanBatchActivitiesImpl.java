package io.cloudimage.fleet.workflow;

import io.cloudimage.core.error.CloudImageException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plans the shards of a batch on {@link PlanBatch#parallelism()} threads of its own, the activity's
 * thread heartbeating with how many are done. Errors are sorted as the shard activities sort them
 * ({@link ActivityErrors}): those no retry fixes fail their shard; the others send it back to the
 * fleet workflow, which plans it in its own shard workflow with backoff.
 */
public final class PlanBatchActivitiesImpl implements PlanBatchActivities {
  /** How long the activity's thread waits for a shard before heartbeating anyway. */
  private static final long HEARTBEAT_MILLIS = 1000;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ShardPlanning planning;

  /** Batches planned by {@code planning}. */
  public PlanBatchActivitiesImpl(ShardPlanning planning) {
    this.planning = planning;
  }

  @Override
  public List<PlannedShard> planBatch(PlanBatch batch) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    List<ShardTask> tasks = batch.tasks();
    AtomicLong failures = new AtomicLong();
    AtomicReference<String> note = new AtomicReference<>("");
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(batch.parallelism(), tasks.size())),
            r -> {
              Thread t = new Thread(r, "plan-batch-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<PlannedShard>> shards = new ArrayList<>(tasks.size());
      for (ShardTask task : tasks) {
        shards.add(pool.submit(() -> planOne(task, batch.failureBudget(), failures, note)));
      }
      List<PlannedShard> planned = new ArrayList<>(tasks.size());
      for (int i = 0; i < shards.size(); i++) {
        planned.add(await(ctx, shards.get(i), i, tasks.size(), note));
        ctx.heartbeat((i + 1) + "/" + tasks.size() + " shards planned");
      }
      return planned;
    } finally {
      // A heartbeat that finds the worker stopping ends the activity: plan nothing more.
      pool.shutdownNow();
    }
  }

  private static PlannedShard await(
      ActivityExecutionContext ctx,
      Future<PlannedShard> shard,
      int done,
      int total,
      AtomicReference<String> note) {
    while (true) {
      try {
        return shard.get(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        ctx.heartbeat(done + "/" + total + " shards planned; " + note.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(
            "the worker stopped while planning a batch; it is planned again", "WorkerStopped");
      } catch (ExecutionException e) {
        throw new IllegalStateException("planning a shard failed unexpectedly", e.getCause());
      }
    }
  }

  private PlannedShard planOne(
      ShardTask task, long budget, AtomicLong failures, AtomicReference<String> note) {
    if (failures.get() > budget) {
      return PlannedShard.failed(PlannedShard.Outcome.NOT_STARTED, "too many shards failed");
    }
    try {
      return PlannedShard.planned(
          planning.inventoryAndPlan(task, p -> note.set(task.shard().id() + ": " + p)));
    } catch (CloudImageException e) {
      return sorted(ActivityErrors.map(e), failures);
    } catch (ApplicationFailure e) {
      return sorted(e, failures);
    } catch (RuntimeException e) {
      // Unexpected here, as in a shard activity, where Temporal would retry it.
      return PlannedShard.failed(
          PlannedShard.Outcome.RETRY, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static PlannedShard sorted(ApplicationFailure f, AtomicLong failures) {
    String error = f.getType() + ": " + f.getOriginalMessage();
    if (f.isNonRetryable() || ActivityErrors.NOT_RETRIED.contains(f.getType())) {
      failures.incrementAndGet();
      return PlannedShard.failed(PlannedShard.Outcome.FAILED, error);
    }
    return PlannedShard.failed(PlannedShard.Outcome.RETRY, error);
  }
}
