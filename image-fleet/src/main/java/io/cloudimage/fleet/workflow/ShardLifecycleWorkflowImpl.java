package io.cloudimage.fleet.workflow;

import io.cloudimage.core.pricing.Money;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The shard's workflow. Every step that touches the provider is an activity; the workflow keeps
 * only digests and counts, so its history stays small whatever the shard's size.
 */
public final class ShardLifecycleWorkflowImpl implements ShardLifecycleWorkflow {
  private ShardStatus status = ShardStatus.PENDING;
  private boolean approved;
  private boolean cancelled;

  @Override
  public ShardReport run(ShardTask task, @Nullable PlanSummary planned) {
    ShardActivities activities =
        Workflow.newActivityStub(ShardActivities.class, options(task.heartbeatSeconds()));
    PlanSummary plan;
    try {
      String planBlob = task.plan();
      if (planned != null) {
        plan = planned;
      } else if (planBlob == null) {
        status = ShardStatus.INVENTORY;
        String inventory = activities.inventory(task);
        status = ShardStatus.PLANNING;
        plan = activities.plan(task, inventory);
      } else {
        status = ShardStatus.PLANNING;
        plan = activities.plan(task, "");
      }
    } catch (ActivityFailure e) {
      return failed(task, null, null, e);
    }
    if (!task.apply()) {
      status = ShardStatus.PLANNED;
      return report(task, plan, null, null);
    }
    if (plan.actions() > 0
        && task.approval()
            .requireApproval(Money.of(plan.monthlySaving(), plan.currency()), plan.destructive())) {
      status = ShardStatus.AWAITING_APPROVAL;
      Workflow.await(() -> approved || cancelled);
    }
    if (cancelled) {
      status = ShardStatus.CANCELLED;
      return report(task, plan, null, "cancelled before apply");
    }
    status = ShardStatus.APPLYING;
    ApplyHolder holder = new ApplyHolder();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> holder.result = Async.function(activities::apply, task, plan.blob()));
    scope.run();
    Promise<ApplySummary> result = holder.promise();
    Workflow.await(() -> result.isCompleted() || cancelled);
    if (!result.isCompleted()) {
      // The activity learns of the cancel on its next heartbeat and starts no new action.
      scope.cancel();
    }
    try {
      ApplySummary applied = result.get();
      if (applied.stoppedBy() != null && cancelled) {
        status = ShardStatus.CANCELLED;
        return report(task, plan, applied, "cancelled during apply");
      }
      if (applied.failed() > 0 || applied.stoppedBy() != null) {
        status = ShardStatus.FAILED;
        String why =
            applied.failed() > 0
                ? applied.failed() + " actions failed"
                : "stopped by " + applied.stoppedBy();
        return report(task, plan, applied, why + "; apply the plan again to finish");
      }
      status = ShardStatus.APPLIED;
      return report(task, plan, applied, null);
    } catch (ActivityFailure e) {
      if (cancelled || e.getCause() instanceof CanceledFailure) {
        status = ShardStatus.CANCELLED;
        return report(task, plan, null, "cancelled during apply; the journal has what was done");
      }
      return failed(task, plan, null, e);
    } catch (CanceledFailure e) {
      status = ShardStatus.CANCELLED;
      return report(task, plan, null, "cancelled during apply; the journal has what was done");
    }
  }

  @Override
  public void approve() {
    approved = true;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public ShardStatus status() {
    return status;
  }

  static ActivityOptions options(int heartbeatSeconds) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(12))
        .setHeartbeatTimeout(Duration.ofSeconds(heartbeatSeconds))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(2))
                .setMaximumAttempts(8)
                .setDoNotRetry(ActivityErrors.NOT_RETRIED.toArray(new String[0]))
                .build())
        .build();
  }

  private ShardReport failed(
      ShardTask task,
      @Nullable PlanSummary plan,
      @Nullable ApplySummary applied,
      ActivityFailure e) {
    status = ShardStatus.FAILED;
    return report(task, plan, applied, describe(e));
  }

  /** The root cause's type and message, as the activity reported it. */
  static String describe(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    return cause == null ? String.valueOf(e.getMessage()) : String.valueOf(cause.getMessage());
  }

  private ShardReport report(
      ShardTask task,
      @Nullable PlanSummary plan,
      @Nullable ApplySummary applied,
      @Nullable String error) {
    if (plan == null) {
      return ShardReport.without(task.shard(), status, error);
    }
    return new ShardReport(
        task.shard(),
        status,
        plan.actions(),
        plan.skipped(),
        plan.monthlySaving(),
        plan.currency(),
        plan.blob(),
        applied,
        error);
  }

  /** Holds the promise the cancellation scope creates. */
  private static final class ApplyHolder {
    @Nullable Promise<ApplySummary> result;

    Promise<ApplySummary> promise() {
      Promise<ApplySummary> p = result;
      if (p == null) {
        throw new IllegalStateException("apply was not started");
      }
      return p;
    }
  }
}
