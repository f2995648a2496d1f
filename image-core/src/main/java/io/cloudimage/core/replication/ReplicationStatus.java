package io.cloudimage.core.replication;

/** How one copy of a plan ended. */
public enum ReplicationStatus {
  /** Copied now and verified at the destination. */
  REPLICATED,
  /** A copy was already at the destination (an earlier or interrupted run made it); verified. */
  ALREADY_PRESENT,
  /** The destination's copy does not have the source's digest. */
  VERIFICATION_FAILED,
  /** The copy could not be made (provider error after retries, unreadable file…). */
  FAILED,
  /** Not attempted: the run was cancelled first. */
  CANCELLED
}
