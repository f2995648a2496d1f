package io.cloudimage.fleet.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A fleet run: its shards planned in batches of {@link FleetRun#shardsPerPlanBatch()}, then one
 * child {@link ShardLifecycleWorkflow} per shard to apply (or to plan again after a retryable
 * error), at most {@link FleetRun#maxConcurrentShards()} shards in flight; past {@link
 * FleetRun#maxFailedShards()} failures no new shard starts. One shard failing never stops the
 * others.
 */
@WorkflowInterface
public interface FleetLifecycleWorkflow {
  /** Runs every shard and gathers their reports. */
  @WorkflowMethod
  FleetReport run(FleetRun run);

  /** Approves the plan of the shard with this {@link io.cloudimage.fleet.Shard#id() id}. */
  @SignalMethod
  void approve(String shard);

  /** Stops the run: no new shard starts and running shards start no new action. */
  @SignalMethod
  void cancel();

  /** The run's progress. */
  @QueryMethod
  FleetProgress progress();
}
