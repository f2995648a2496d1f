package io.cloudimage.fleet.workflow;

import org.jspecify.annotations.Nullable;

/**
 * What an apply did in one shard, counted by outcome.
 *
 * @param done done in this run
 * @param alreadyDone done in an earlier run, per the journal
 * @param skipped skipped because a precondition no longer held
 * @param failed refused or failed by the provider
 * @param notRun not attempted (cancelled, error budget)
 * @param stoppedBy why the run stopped early, or null
 */
public record ApplySummary(
    int done, int alreadyDone, int skipped, int failed, int notRun, @Nullable String stoppedBy) {}
