package io.cloudimage.fleet.simulation;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What planning a synthetic fleet took.
 *
 * @param method how it was planned
 * @param shards how many shards were planned
 * @param items how many images and snapshots they held
 * @param actions how many actions the plans hold
 * @param monthlySaving the plans' monthly saving (one currency)
 * @param seconds the wall time
 * @param runs how many runs the fleet's workflow took (0 without workflows)
 * @param historyEvents the events of all those runs' histories
 * @param historyBytes their serialized size
 */
public record Measure(
    String method,
    long shards,
    long items,
    long actions,
    BigDecimal monthlySaving,
    double seconds,
    int runs,
    long historyEvents,
    long historyBytes) {

  /** Shards planned per second. */
  public double shardsPerSecond() {
    return shards / seconds;
  }

  /** Items planned per second. */
  public double itemsPerSecond() {
    return items / seconds;
  }

  /** The fleet workflow's history events per shard. */
  public double eventsPerShard() {
    return shards == 0 ? 0 : (double) historyEvents / shards;
  }

  /** One line for a benchmark's output. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "%s: %d shards, %d items, %d actions, saving %s in %.1f s: %.1f shards/s, %.0f items/s;"
            + " %d runs, %d history events (%.2f per shard), %d KB of history",
        method,
        shards,
        items,
        actions,
        monthlySaving.toPlainString(),
        seconds,
        shardsPerSecond(),
        itemsPerSecond(),
        runs,
        historyEvents,
        eventsPerShard(),
        historyBytes >> 10);
  }
}
