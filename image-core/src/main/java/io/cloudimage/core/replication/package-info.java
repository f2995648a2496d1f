/**
 * Replication: copies many images to many regions or accounts, as a {@link
 * io.cloudimage.core.replication.ReplicationPlan} read from a file and run by a {@link
 * io.cloudimage.core.replication.Replicator} with bounded concurrency, progress, cancellation,
 * resume after a crash from a journal, and verification by SHA-256 at the destination.
 *
 * <p>On the local provider a region is a home folder and a copy is a block delta against the
 * destination's previous version of the same family when there is one; on clouds the provider's own
 * copy does the work, and {@link io.cloudimage.core.replication.ChangedBlockUpload} pushes only a
 * delta's changed blocks to a {@link io.cloudimage.core.blockstore.BlockStore}.
 */
@NullMarked
package io.cloudimage.core.replication;

import org.jspecify.annotations.NullMarked;
