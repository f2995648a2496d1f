package io.cloudimage.fleet.workflow;

import java.util.List;

/**
 * The shards one plan batch activity plans.
 *
 * @param tasks the shards, in the fleet's order
 * @param parallelism how many of them are planned at once
 * @param failureBudget how many may fail before the batch starts no new shard; the fleet's {@link
 *     FleetRun#maxFailedShards()} less the shards already failed
 */
public record PlanBatch(List<ShardTask> tasks, int parallelism, long failureBudget) {
  public PlanBatch {
    tasks = List.copyOf(tasks);
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism must be positive");
    }
  }
}
