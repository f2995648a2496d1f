package io.cloudimage.fleet.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.jspecify.annotations.Nullable;

/**
 * One shard's lifecycle run: inventory → plan → approval → apply → report, or approval → apply →
 * report for a shard a plan batch planned. Its workflow id is the fleet run's id, a slash and the
 * shard's {@link io.cloudimage.fleet.Shard#fileName() file name}.
 */
@WorkflowInterface
public interface ShardLifecycleWorkflow {
  /**
   * Runs the shard; never fails for the shard's own errors, which the report carries.
   *
   * @param task the shard
   * @param planned the shard's plan when a plan batch made it already (the workflow then starts at
   *     approval), or null to take the inventory and plan first
   */
  @WorkflowMethod
  ShardReport run(ShardTask task, @Nullable PlanSummary planned);

  /** Approves the shard's plan when it waits for approval. */
  @SignalMethod
  void approve();

  /** Stops the shard: no new action starts; a running apply stops after its current action. */
  @SignalMethod
  void cancel();

  /** Where the shard is. */
  @QueryMethod
  ShardStatus status();
}
