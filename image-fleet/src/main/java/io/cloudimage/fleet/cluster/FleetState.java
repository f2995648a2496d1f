package io.cloudimage.fleet.cluster;

/** Where a fleet run on a cluster is, as the cluster records it. */
public enum FleetState {
  /** Running: shards are planned, applied or wait for approval. */
  RUNNING,
  /** Ended with a report. */
  COMPLETED,
  /** Ended without a report (a bug in the run, or the cluster gave up on it). */
  FAILED,
  /** Cancelled or terminated from outside the fleet's own cancel signal. */
  STOPPED,
  /** Timed out as a whole. */
  TIMED_OUT,
  /** Continued as a new run with the same id (long shard lists). */
  CONTINUED
}
