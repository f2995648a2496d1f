package io.cloudimage.fleet.workflow;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's workflow: starts shard workflows in the fleet's order while fewer than the bound run,
 * stops starting them on cancel or past the failure bound, and waits for those running.
 */
public final class FleetLifecycleWorkflowImpl implements FleetLifecycleWorkflow {
  private int shards;
  private int running;
  private int finished;
  private int failed;
  private int notStarted;
  private boolean cancelled;

  /**
   * Shard id → child workflow id, for shards started and not finished; in start order, so that
   * signals go out in the same order on every replay.
   */
  private final Map<String, String> active = new LinkedHashMap<>();

  /** Shards approved before they started. */
  private final Set<String> approvedEarly = new HashSet<>();

  @Override
  public FleetReport run(FleetRun run) {
    List<ShardTask> tasks = run.shards();
    shards = tasks.size();
    ShardReport[] reports = new ShardReport[tasks.size()];
    String self = Workflow.getInfo().getWorkflowId();
    List<Promise<Void>> all = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      ShardTask task = tasks.get(i);
      Workflow.await(() -> running < run.maxConcurrentShards());
      if (cancelled || failed > run.maxFailedShards()) {
        reports[i] =
            ShardReport.without(
                task.shard(),
                ShardStatus.NOT_STARTED,
                cancelled
                    ? "the fleet run was cancelled"
                    : "more than " + run.maxFailedShards() + " shards failed");
        notStarted++;
        continue;
      }
      String childId = childId(self, task);
      ShardLifecycleWorkflow child =
          Workflow.newChildWorkflowStub(
              ShardLifecycleWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(childId)
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .build());
      running++;
      active.put(task.shard().id(), childId);
      int index = i;
      Promise<ShardReport> started = Async.function(child::run, task);
      if (approvedEarly.contains(task.shard().id())) {
        Workflow.getWorkflowExecution(child).get();
        child.approve();
      }
      all.add(
          started.handle(
              (report, error) -> {
                ShardReport r = report != null ? report : crashed(task, error);
                reports[index] = r;
                running--;
                finished++;
                active.remove(task.shard().id());
                if (r.status() == ShardStatus.FAILED) {
                  failed++;
                }
                return null;
              }));
    }
    Workflow.await(() -> running == 0);
    return new FleetReport(run.fleet(), Arrays.asList(reports));
  }

  /** The child workflow id of a shard: stable, so a signal can find it. */
  public static String childId(String fleetWorkflowId, ShardTask task) {
    return fleetWorkflowId + "/" + task.shard().fileName();
  }

  private static ShardReport crashed(ShardTask task, @Nullable RuntimeException error) {
    return ShardReport.without(
        task.shard(),
        ShardStatus.FAILED,
        error == null ? "the shard's workflow ended without a report" : describe(error));
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @Override
  public void approve(String shard) {
    String childId = active.get(shard);
    if (childId != null) {
      Workflow.newExternalWorkflowStub(ShardLifecycleWorkflow.class, childId).approve();
    } else {
      approvedEarly.add(shard);
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    for (String childId : active.values()) {
      Workflow.newExternalWorkflowStub(ShardLifecycleWorkflow.class, childId).cancel();
    }
  }

  @Override
  public FleetProgress progress() {
    return new FleetProgress(shards, running, finished, failed, notStarted, cancelled);
  }
}
