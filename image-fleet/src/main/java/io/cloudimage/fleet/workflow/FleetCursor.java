package io.cloudimage.fleet.workflow;

import java.util.List;

/**
 * Where a fleet run that continued as new resumes: the next shard, the counts and totals so far,
 * the finished shards' reports (inline runs) or their pages' digests (stored runs), and the signals
 * that must outlive the run that received them.
 *
 * @param next the index of the next shard to start
 * @param runs how many runs came before
 * @param finished how many shards ended
 * @param failed how many ended failed
 * @param notStarted how many were not started
 * @param intake whether new shards still start
 * @param totals what the finished shards add up to
 * @param reports the finished shards' reports, in order (inline runs only)
 * @param reportPages the digests of the finished shards' report pages, in order (stored runs)
 * @param approved shards approved before they started
 */
public record FleetCursor(
    int next,
    int runs,
    long finished,
    long failed,
    long notStarted,
    Intake intake,
    FleetTotals totals,
    List<ShardReport> reports,
    List<String> reportPages,
    List<String> approved) {

  /** The cursor of a run that has not started. */
  public static final FleetCursor START =
      new FleetCursor(
          0, 0, 0, 0, 0, Intake.OPEN, FleetTotals.NONE, List.of(), List.of(), List.of());

  public FleetCursor {
    intake = intake == null ? Intake.OPEN : intake;
    totals = totals == null ? FleetTotals.NONE : totals;
    reports = reports == null ? List.of() : List.copyOf(reports);
    reportPages = reportPages == null ? List.of() : List.copyOf(reportPages);
    approved = approved == null ? List.of() : List.copyOf(approved);
  }

  /** Whether new shards start. */
  public enum Intake {
    /** Shards start while the failure bound holds. */
    OPEN,
    /** A cancel signal came: no new shard starts. */
    CANCELLED
  }
}
