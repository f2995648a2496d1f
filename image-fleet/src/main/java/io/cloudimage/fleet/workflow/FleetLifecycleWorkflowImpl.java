package io.cloudimage.fleet.workflow;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's workflow: starts shard workflows in the fleet's order while fewer than the bound run,
 * stops starting them on cancel or past the failure bound, and waits for those running.
 *
 * <p>Each run of the workflow takes the next {@link FleetRun#shardsPerRun()} shards, waits for all
 * of them to end, and continues as new with a {@link FleetCursor}: the next shard, the counts, the
 * running totals and the finished shards' reports (inline runs) or their pages' digests (stored
 * runs). Shards do not span runs, because a run's children are cancelled when it closes; the cost
 * is the tail of each run, where fewer than the bound are in flight.
 */
public final class FleetLifecycleWorkflowImpl implements FleetLifecycleWorkflow {
  private int shards;
  private int running;
  private long finished;
  private long failed;
  private long notStarted;
  private boolean cancelled;
  private int runs;

  /**
   * Shard id → child workflow id, for shards started and not finished; in start order, so that
   * signals go out in the same order on every replay.
   */
  private final Map<String, String> active = new LinkedHashMap<>();

  /** Shards approved before they started; ordered, as it is carried to the next run. */
  private final Set<String> approvedEarly = new LinkedHashSet<>();

  @Override
  public FleetReport run(FleetRun run) {
    FleetCursor from = run.cursor() == null ? FleetCursor.START : run.cursor();
    shards = run.shardCount();
    finished = from.finished();
    failed = from.failed();
    notStarted = from.notStarted();
    cancelled = from.intake() == FleetCursor.Intake.CANCELLED;
    runs = from.runs() + 1;
    approvedEarly.addAll(from.approved());
    Tasks tasks = new Tasks(run);

    int start = from.next();
    int end = (int) Math.min(run.shardCount(), (long) start + run.shardsPerRun());
    ShardReport[] reports = new ShardReport[end - start];
    FleetTotals[] totals = {from.totals()};
    String self = Workflow.getInfo().getWorkflowId();
    for (int i = start; i < end; i++) {
      ShardTask task = tasks.get(i);
      int index = i - start;
      Workflow.await(() -> running < run.maxConcurrentShards());
      if (cancelled || failed > run.maxFailedShards()) {
        reports[index] =
            ShardReport.without(
                task.shard(),
                ShardStatus.NOT_STARTED,
                cancelled
                    ? "the fleet run was cancelled"
                    : "more than " + run.maxFailedShards() + " shards failed");
        totals[0] = totals[0].plus(reports[index]);
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
      Promise<ShardReport> started = Async.function(child::run, task);
      if (approvedEarly.contains(task.shard().id())) {
        Workflow.getWorkflowExecution(child).get();
        child.approve();
      }
      // The handler counts the shard's end; the await below waits for all of them.
      started.handle(
          (report, error) -> {
            ShardReport r = report != null ? report : crashed(task, error);
            reports[index] = r;
            totals[0] = totals[0].plus(r);
            running--;
            finished++;
            active.remove(task.shard().id());
            if (r.status() == ShardStatus.FAILED) {
              failed++;
            }
            return null;
          });
    }
    Workflow.await(() -> running == 0);

    List<ShardReport> done = Arrays.asList(reports);
    List<ShardReport> inline = new ArrayList<>(from.reports());
    List<String> pages = new ArrayList<>(from.reportPages());
    if (run.stored()) {
      FleetActivities store = tasks.activities();
      for (int p = 0; p < done.size(); p += FleetRuns.SHARDS_PER_PAGE) {
        List<ShardReport> page =
            new ArrayList<>(done.subList(p, Math.min(done.size(), p + FleetRuns.SHARDS_PER_PAGE)));
        pages.add(store.reportPage(page));
      }
    } else {
      inline.addAll(done);
    }
    if (end < run.shardCount()) {
      FleetCursor next =
          new FleetCursor(
              end,
              runs,
              finished,
              failed,
              notStarted,
              cancelled ? FleetCursor.Intake.CANCELLED : FleetCursor.Intake.OPEN,
              totals[0],
              inline,
              pages,
              new ArrayList<>(approvedEarly));
      Workflow.continueAsNew(run.resumingAt(next));
    }
    return new FleetReport(run.fleet(), inline, totals[0], pages);
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
    return new FleetProgress(shards, running, finished, failed, notStarted, cancelled, runs);
  }

  /**
   * The run's tasks by index: inline, or read a page at a time from the blob store by a local
   * activity (its result is recorded, so a replay reads nothing).
   */
  private static final class Tasks {
    private final FleetRun run;
    private @Nullable FleetActivities activities;
    private int pageIndex = -1;
    private List<ShardTask> page = List.of();

    Tasks(FleetRun run) {
      this.run = run;
    }

    ShardTask get(int i) {
      if (!run.stored()) {
        return run.shards().get(i);
      }
      int p = i / FleetRuns.SHARDS_PER_PAGE;
      if (p != pageIndex) {
        page = activities().shardPage(run.shardPages().get(p));
        pageIndex = p;
      }
      return page.get(i % FleetRuns.SHARDS_PER_PAGE);
    }

    FleetActivities activities() {
      FleetActivities a = activities;
      if (a == null) {
        a =
            Workflow.newLocalActivityStub(
                FleetActivities.class,
                LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(
                        RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumAttempts(5)
                            .setDoNotRetry("io.cloudimage.core.error.CorruptDataException")
                            .build())
                    .build());
        activities = a;
      }
      return a;
    }
  }
}
