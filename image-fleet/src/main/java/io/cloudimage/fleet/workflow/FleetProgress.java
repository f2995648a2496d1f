package io.cloudimage.fleet.workflow;

/**
 * A fleet run's progress, as its query answers; the counts are the whole fleet's, over every run
 * the workflow continued as new into.
 *
 * @param shards how many shards the run has
 * @param running how many shard workflows are running
 * @param finished how many ended (in any status)
 * @param failed how many ended failed
 * @param notStarted how many will not start (cancelled, too many failures)
 * @param cancelled whether a cancel signal came
 * @param runs how many runs the fleet's workflow has had so far (1 until it continues as new)
 */
public record FleetProgress(
    int shards,
    int running,
    long finished,
    long failed,
    long notStarted,
    boolean cancelled,
    int runs) {}
