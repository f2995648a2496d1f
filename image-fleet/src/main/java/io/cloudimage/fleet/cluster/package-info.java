/**
 * Fleet runs on a Temporal cluster: {@link io.cloudimage.fleet.cluster.FleetCluster} submits runs,
 * answers their status and passes approvals and cancellation on; {@link
 * io.cloudimage.fleet.cluster.FleetCluster#startWorker} runs the workflows and activities on this
 * machine. The same workflow code runs in-process through {@link
 * io.cloudimage.fleet.workflow.EmbeddedFleet}.
 */
@NullMarked
package io.cloudimage.fleet.cluster;

import org.jspecify.annotations.NullMarked;
