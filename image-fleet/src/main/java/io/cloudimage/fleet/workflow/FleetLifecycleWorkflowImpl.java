package io.cloudimage.fleet.workflow;

import io.temporal.activity.ActivityOptions;
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
 * The fleet's workflow. Each run of it takes the next {@link FleetRun#shardsPerRun()} shards and
 * works them in two steps:
 *
 * <ol>
 *   <li><b>Plan in batches.</b> The shards go, {@link FleetRun#shardsPerPlanBatch()} at a time, to
 *       one {@link PlanBatchActivities#planBatch} activity each, at most {@code maxConcurrentShards
 *       / shardsPerPlanBatch} batches (at least two, or one when one shard may run at once) at
 *       once, each planning up to that many shards at once: the shards in flight never exceed
 *       {@link FleetRun#maxConcurrentShards()}. Plans go to the blob store; the history holds a
 *       small summary per shard. A plan-only shard ends here. A shard whose error a retry may fix
 *       (throttling) goes on to step 2 unplanned.
 *   <li><b>A shard workflow per shard that needs one:</b> those to apply (approval, apply, the
 *       journal), starting from the batch's plan, and those sent back by their batch, which take
 *       their inventory and plan with the shard activities' retries and backoff. At most {@code
 *       maxConcurrentShards} run at once.
 * </ol>
 *
 * <p>Past {@link FleetRun#maxFailedShards()} failures or after a cancel signal, no new batch and no
 * new shard workflow starts; batches already running finish their plans (planning changes nothing).
 * The run then continues as new with a {@link FleetCursor}: the next shard, the counts, the running
 * totals and the finished shards' reports (inline runs) or their pages' digests (stored runs).
 * Shards do not span runs, because a run's children are cancelled when it closes; the cost is the
 * tail of each run, where fewer than the bound are in flight.
 */
public final class FleetLifecycleWorkflowImpl implements FleetLifecycleWorkflow {
  private int shards;
  private int running;
  private int batches;
  private long finished;
  private long failed;
  private long notStarted;
  private boolean cancelled;
  private int runs;

  /** This run's shard reports, by index in the run. */
  private ShardReport[] reports = new ShardReport[0];

  /** What the fleet's ended shards add up to, this run's included. */
  private FleetTotals totals = FleetTotals.NONE;

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
    totals = from.totals();
    approvedEarly.addAll(from.approved());
    Tasks tasks = new Tasks(run);

    int start = from.next();
    int end = (int) Math.min(run.shardCount(), (long) start + run.shardsPerRun());
    ShardTask[] window = new ShardTask[end - start];
    for (int i = start; i < end; i++) {
      window[i - start] = tasks.get(i);
    }
    reports = new ShardReport[window.length];
    @Nullable PlanSummary[] plans = new PlanSummary[window.length];
    boolean[] needsWorkflow = new boolean[window.length];
    planInBatches(run, window, plans, needsWorkflow);
    runShardWorkflows(run, window, plans, needsWorkflow);

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
              totals,
              inline,
              pages,
              new ArrayList<>(approvedEarly));
      Workflow.continueAsNew(run.resumingAt(next));
    }
    return new FleetReport(run.fleet(), inline, totals, pages);
  }

  /**
   * Step 1: plans the window's shards in batches; marks those that need a shard workflow, with
   * their plans when the batch made one.
   */
  private void planInBatches(
      FleetRun run, ShardTask[] window, @Nullable PlanSummary[] plans, boolean[] needsWorkflow) {
    if (window.length == 0) {
      return;
    }
    int size = run.shardsPerPlanBatch();
    // At least two batches at once (when two shards may run at once), so that a second worker
    // shares the planning even when one batch could hold every shard allowed in flight.
    int atOnce = Math.max(Math.min(2, run.maxConcurrentShards()), run.maxConcurrentShards() / size);
    int parallelism = Math.max(1, Math.min(size, run.maxConcurrentShards() / atOnce));
    PlanBatchActivities planner =
        Workflow.newActivityStub(
            PlanBatchActivities.class, batchOptions(window[0].heartbeatSeconds()));
    for (int b = 0; b < window.length; b += size) {
      int first = b;
      int last = Math.min(window.length, b + size);
      Workflow.await(() -> batches < atOnce);
      if (stopping(run)) {
        for (int i = first; i < last; i++) {
          notStart(i, window[i], run);
        }
        continue;
      }
      List<ShardTask> batch = new ArrayList<>(Arrays.asList(window).subList(first, last));
      batches++;
      running += batch.size();
      Promise<List<PlannedShard>> planned =
          Async.function(
              planner::planBatch,
              new PlanBatch(batch, parallelism, (long) run.maxFailedShards() - failed));
      planned.handle(
          (outcomes, error) -> {
            batches--;
            running -= batch.size();
            for (int i = first; i < last; i++) {
              PlannedShard outcome =
                  outcomes == null || outcomes.size() != batch.size()
                      ? null
                      : outcomes.get(i - first);
              settle(i, window[i], outcome, run, plans, needsWorkflow);
            }
            return null;
          });
    }
    Workflow.await(() -> batches == 0);
  }

  /** Records how a shard's batch ended for it. A batch that failed as a whole plans nothing. */
  private void settle(
      int index,
      ShardTask task,
      @Nullable PlannedShard outcome,
      FleetRun run,
      @Nullable PlanSummary[] plans,
      boolean[] needsWorkflow) {
    if (outcome == null) {
      needsWorkflow[index] = true;
      return;
    }
    switch (outcome.outcome()) {
      case PLANNED -> {
        PlanSummary plan = outcome.plan();
        if (plan == null) {
          needsWorkflow[index] = true;
        } else if (task.apply()) {
          plans[index] = plan;
          needsWorkflow[index] = true;
        } else {
          finish(index, ShardReport.of(task.shard(), ShardStatus.PLANNED, plan, null));
        }
      }
      case FAILED ->
          finish(index, ShardReport.without(task.shard(), ShardStatus.FAILED, outcome.error()));
      case NOT_STARTED -> notStart(index, task, run);
      case RETRY -> needsWorkflow[index] = true;
    }
  }

  /**
   * Step 2: a shard workflow for each marked shard, at most {@code maxConcurrentShards} at once.
   */
  private void runShardWorkflows(
      FleetRun run, ShardTask[] window, @Nullable PlanSummary[] plans, boolean[] needsWorkflow) {
    String self = Workflow.getInfo().getWorkflowId();
    for (int i = 0; i < window.length; i++) {
      if (!needsWorkflow[i]) {
        continue;
      }
      ShardTask task = window[i];
      int index = i;
      Workflow.await(() -> running < run.maxConcurrentShards());
      if (stopping(run)) {
        notStart(index, task, run);
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
      Promise<ShardReport> started = Async.function(child::run, task, plans[i]);
      if (approvedEarly.contains(task.shard().id())) {
        Workflow.getWorkflowExecution(child).get();
        child.approve();
      }
      // The handler counts the shard's end; the await below waits for all of them.
      started.handle(
          (report, error) -> {
            running--;
            active.remove(task.shard().id());
            finish(index, report != null ? report : crashed(task, error));
            return null;
          });
    }
    Workflow.await(() -> running == 0);
  }

  private boolean stopping(FleetRun run) {
    return cancelled || failed > run.maxFailedShards();
  }

  private void finish(int index, ShardReport report) {
    reports[index] = report;
    totals = totals.plus(report);
    finished++;
    if (report.status() == ShardStatus.FAILED) {
      failed++;
    }
  }

  private void notStart(int index, ShardTask task, FleetRun run) {
    ShardReport report =
        ShardReport.without(
            task.shard(),
            ShardStatus.NOT_STARTED,
            cancelled
                ? "the fleet run was cancelled"
                : "more than " + run.maxFailedShards() + " shards failed");
    reports[index] = report;
    totals = totals.plus(report);
    notStarted++;
  }

  private static ActivityOptions batchOptions(int heartbeatSeconds) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(12))
        .setHeartbeatTimeout(Duration.ofSeconds(heartbeatSeconds))
        // A batch fails as a whole only when its worker stops; its shards then go to their own
        // workflows after a few attempts rather than waiting on a batch that keeps dying.
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(3)
                .build())
        .build();
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
