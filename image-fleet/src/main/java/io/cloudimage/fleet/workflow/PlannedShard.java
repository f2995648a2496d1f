package io.cloudimage.fleet.workflow;

import org.jspecify.annotations.Nullable;

/**
 * How one shard of a plan batch ended: small enough for workflow history (the plan itself is in the
 * blob store, named by the summary).
 *
 * @param outcome what happened
 * @param plan the plan's summary when it was planned
 * @param error what went wrong, as {@code Type: message}, when it was not
 */
public record PlannedShard(Outcome outcome, @Nullable PlanSummary plan, @Nullable String error) {

  /** What happened to a shard in a plan batch. */
  public enum Outcome {
    /** Planned; {@link #plan()} names the plan. */
    PLANNED,
    /** Failed with an error no retry fixes (access denied, bad input): the shard fails. */
    FAILED,
    /**
     * Failed with an error a retry may fix (throttling, an unavailable provider): the shard is
     * planned again by its own shard workflow, with that workflow's retries and backoff.
     */
    RETRY,
    /** Not started: the batch's failure budget was spent. */
    NOT_STARTED
  }

  static PlannedShard planned(PlanSummary plan) {
    return new PlannedShard(Outcome.PLANNED, plan, null);
  }

  static PlannedShard failed(Outcome outcome, String error) {
    return new PlannedShard(outcome, null, error);
  }
}
