package io.cloudimage.fleet.workflow;

/** Where a shard's workflow is, or how it ended. */
public enum ShardStatus {
  /** Not started yet. */
  PENDING,
  /** Taking the inventory. */
  INVENTORY,
  /** Planning. */
  PLANNING,
  /** Waiting for an approval signal. */
  AWAITING_APPROVAL,
  /** Applying the plan. */
  APPLYING,
  /** Ended after planning (a plan-only run). */
  PLANNED,
  /** Ended after applying; every action done or rightly skipped. */
  APPLIED,
  /** Ended with an error (see the report's error). */
  FAILED,
  /** Ended by a cancel signal before or during apply. */
  CANCELLED,
  /** Never started: the fleet was cancelled or too many shards had failed. */
  NOT_STARTED
}
