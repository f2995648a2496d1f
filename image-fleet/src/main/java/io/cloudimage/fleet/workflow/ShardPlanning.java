package io.cloudimage.fleet.workflow;

import java.util.function.Consumer;

/**
 * Takes one shard's inventory and plans it, outside any workflow and on any thread: what a plan
 * batch ({@link PlanBatchActivities}) does for each of its shards. Shard activities that can also
 * plan this way ({@link ShardActivitiesImpl}) let a fleet plan many shards per activity; those that
 * cannot have every shard planned by its own shard workflow.
 */
public interface ShardPlanning {
  /**
   * Lists the shard's images and snapshots and plans them, keeping the plan in the blob store; a
   * task that names a stored plan has that plan checked and summarised instead.
   *
   * @param task the shard and its policy
   * @param progress told of progress now and then (it may be called from this thread only)
   * @return the plan's summary
   * @throws io.cloudimage.core.error.CloudImageException the typed errors a shard activity maps
   *     onto retryable and non-retryable failures
   */
  PlanSummary inventoryAndPlan(ShardTask task, Consumer<String> progress);
}
