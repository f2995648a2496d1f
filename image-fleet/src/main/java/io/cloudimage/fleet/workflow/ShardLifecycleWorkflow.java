package io.cloudimage.fleet.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One shard's lifecycle run: inventory → plan → approval → apply → report. Its workflow id is the
 * fleet run's id, a slash and the shard's {@link io.cloudimage.fleet.Shard#fileName() file name}.
 */
@WorkflowInterface
public interface ShardLifecycleWorkflow {
  /** Runs the shard; never fails for the shard's own errors, which the report carries. */
  @WorkflowMethod
  ShardReport run(ShardTask task);

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
