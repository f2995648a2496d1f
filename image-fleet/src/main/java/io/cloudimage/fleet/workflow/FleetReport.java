package io.cloudimage.fleet.workflow;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a fleet run ended: a report per shard, in the fleet's order, and the totals.
 *
 * @param fleet the fleet's name
 * @param shards a report per shard
 */
public record FleetReport(String fleet, List<ShardReport> shards) {
  public FleetReport {
    shards = List.copyOf(shards);
  }

  /** The planned actions over all shards. */
  public long actions() {
    return shards.stream().mapToLong(ShardReport::actions).sum();
  }

  /** The monthly saving over all shards, by currency. */
  public Map<String, BigDecimal> monthlySaving() {
    Map<String, BigDecimal> total = new TreeMap<>();
    for (ShardReport s : shards) {
      if (s.monthlySaving().signum() != 0) {
        total.merge(s.currency(), s.monthlySaving(), BigDecimal::add);
      }
    }
    return total;
  }

  /** How many shards ended with {@code status}. */
  public long count(ShardStatus status) {
    return shards.stream().filter(s -> s.status() == status).count();
  }
}
