package io.cloudimage.fleet.workflow;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running totals of a fleet run: what its finished shards add up to. A run that continues as
 * new carries these instead of its shards' reports, so the totals of a fleet are exact whatever the
 * number of runs it took.
 *
 * @param shards how many shards ended (in any status, not started included)
 * @param actions their plans' actions
 * @param skipped the actions their planners skipped
 * @param statuses how many shards ended in each status
 * @param monthlySaving the plans' monthly saving, by ISO-4217 currency
 */
public record FleetTotals(
    long shards,
    long actions,
    long skipped,
    Map<ShardStatus, Long> statuses,
    Map<String, BigDecimal> monthlySaving) {

  /** The totals of no shard. */
  public static final FleetTotals NONE = new FleetTotals(0, 0, 0, Map.of(), Map.of());

  public FleetTotals {
    statuses = copy(statuses);
    monthlySaving = monthlySaving == null ? Map.of() : Map.copyOf(new TreeMap<>(monthlySaving));
  }

  private static Map<ShardStatus, Long> copy(Map<ShardStatus, Long> statuses) {
    if (statuses == null || statuses.isEmpty()) {
      return Map.of();
    }
    return Map.copyOf(new EnumMap<>(statuses));
  }

  /** The totals of {@code reports}. */
  public static FleetTotals of(List<ShardReport> reports) {
    FleetTotals t = NONE;
    for (ShardReport r : reports) {
      t = t.plus(r);
    }
    return t;
  }

  /** These totals with one more shard's report. */
  public FleetTotals plus(ShardReport r) {
    Map<ShardStatus, Long> s = new EnumMap<>(ShardStatus.class);
    s.putAll(statuses);
    s.merge(r.status(), 1L, Long::sum);
    Map<String, BigDecimal> m = new TreeMap<>(monthlySaving);
    if (r.monthlySaving().signum() != 0) {
      m.merge(r.currency(), r.monthlySaving(), BigDecimal::add);
    }
    return new FleetTotals(shards + 1, actions + r.actions(), skipped + r.skipped(), s, m);
  }

  /** How many shards ended with {@code status}. */
  public long count(ShardStatus status) {
    return statuses.getOrDefault(status, 0L);
  }
}
