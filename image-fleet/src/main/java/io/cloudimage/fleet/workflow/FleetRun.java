package io.cloudimage.fleet.workflow;

import java.util.List;

/**
 * One fleet run: its shards and its limits.
 *
 * @param fleet the fleet's name
 * @param shards a task per shard
 * @param maxConcurrentShards how many shard workflows run at once
 * @param maxFailedShards past this many failed shards no new shard starts
 */
public record FleetRun(
    String fleet, List<ShardTask> shards, int maxConcurrentShards, int maxFailedShards) {
  public FleetRun {
    shards = List.copyOf(shards);
  }
}
