package io.cloudimage.fleet.workflow;

/**
 * A fleet run's progress, as its query answers.
 *
 * @param shards how many shards the run has
 * @param running how many shard workflows are running
 * @param finished how many ended (in any status)
 * @param failed how many ended failed
 * @param notStarted how many will not start (cancelled, too many failures)
 * @param cancelled whether a cancel signal came
 */
public record FleetProgress(
    int shards, int running, int finished, int failed, int notStarted, boolean cancelled) {}
