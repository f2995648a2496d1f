/**
 * Fleet mode: one lifecycle run over many targets (accounts × regions), each target a shard.
 *
 * <p>A {@link io.cloudimage.fleet.Fleet} is read from a fleet file by {@link
 * io.cloudimage.fleet.FleetReader}; the workflows that plan and apply it per shard are in {@code
 * io.cloudimage.fleet.workflow}.
 */
@NullMarked
package io.cloudimage.fleet;

import org.jspecify.annotations.NullMarked;
