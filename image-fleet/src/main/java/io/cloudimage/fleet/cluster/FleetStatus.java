package io.cloudimage.fleet.cluster;

import io.cloudimage.fleet.workflow.FleetProgress;
import io.cloudimage.fleet.workflow.FleetReport;
import org.jspecify.annotations.Nullable;

/**
 * A fleet run's status on a cluster.
 *
 * @param id the run's workflow id
 * @param state where the run is
 * @param progress the run's progress while it runs (null when it has ended or no worker answered)
 * @param report the run's report once it completed, else null
 */
public record FleetStatus(
    String id, FleetState state, @Nullable FleetProgress progress, @Nullable FleetReport report) {}
