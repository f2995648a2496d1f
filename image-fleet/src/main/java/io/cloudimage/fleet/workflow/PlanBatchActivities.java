package io.cloudimage.fleet.workflow;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Plans many shards in one activity, so that planning a shard costs the fleet a share of one
 * activity rather than a child workflow and its activities (about ten round trips to the service,
 * far more than planning a few hundred items takes).
 */
@ActivityInterface
public interface PlanBatchActivities {
  /**
   * Takes the inventory of and plans every shard of {@code batch}, keeping each plan in the blob
   * store; returns a {@link PlannedShard} per shard, in the batch's order. One shard's failure is
   * that shard's outcome; the activity itself fails only when its worker stops.
   */
  List<PlannedShard> planBatch(PlanBatch batch);
}
