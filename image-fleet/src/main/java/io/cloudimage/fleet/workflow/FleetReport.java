package io.cloudimage.fleet.workflow;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How a fleet run ended: the totals, and a report per shard in the fleet's order, either inline
 * ({@link #shards()}) or, for a stored run, in report pages in the blob store ({@link #pages()};
 * read them with {@link FleetRuns#shardReports}).
 *
 * @param fleet the fleet's name
 * @param shards a report per shard, inline (empty for a stored run)
 * @param totals what every shard adds up to
 * @param pages the digests of the report pages, in the fleet's order (empty for an inline run)
 */
public record FleetReport(
    String fleet, List<ShardReport> shards, FleetTotals totals, List<String> pages) {
  public FleetReport {
    shards = shards == null ? List.of() : List.copyOf(shards);
    totals = totals == null ? FleetTotals.of(shards) : totals;
    pages = pages == null ? List.of() : List.copyOf(pages);
  }

  /** The report of an inline run, its totals computed from {@code shards}. */
  public FleetReport(String fleet, List<ShardReport> shards) {
    this(fleet, shards, FleetTotals.of(shards), List.of());
  }

  /** The planned actions over all shards. */
  public long actions() {
    return totals.actions();
  }

  /** The monthly saving over all shards, by currency. */
  public Map<String, BigDecimal> monthlySaving() {
    return totals.monthlySaving();
  }

  /** How many shards ended with {@code status}. */
  public long count(ShardStatus status) {
    return totals.count(status);
  }
}
