package io.cloudimage.fleet.workflow;

import io.temporal.activity.ActivityInterface;

/**
 * The work of one shard, outside the workflow: each activity talks to the provider, heartbeats with
 * its progress and keeps what it produces in the blob store.
 */
@ActivityInterface
public interface ShardActivities {
  /** Lists the shard's images and snapshots into the blob store; returns the inventory's digest. */
  String inventory(ShardTask task);

  /** Plans the inventory with the pure planner; the plan goes to the blob store. */
  PlanSummary plan(ShardTask task, String inventory);

  /** Applies the plan with the journaled executor; the journal makes a retry repeat nothing. */
  ApplySummary apply(ShardTask task, String plan);
}
