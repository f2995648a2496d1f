/**
 * Synthetic fleets for measuring fleet mode: shards whose inventories are generated from their ids,
 * planned through the real workflows or through the planner alone, and the measures taken of them
 * (throughput, history events per shard, heap).
 */
@NullMarked
package io.cloudimage.fleet.simulation;

import org.jspecify.annotations.NullMarked;
