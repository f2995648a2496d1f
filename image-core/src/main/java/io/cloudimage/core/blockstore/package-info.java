/**
 * Block-level access to a cloud's snapshots: list a snapshot's blocks or the blocks changed between
 * two snapshots, read one block, and write a new snapshot block by block with a SHA-256 checksum
 * per block. The delta engine reads a snapshot as a stream of blocks through {@link
 * io.cloudimage.core.blockstore.BlockStore} and uploads only the blocks that changed.
 */
@NullMarked
package io.cloudimage.core.blockstore;

import org.jspecify.annotations.NullMarked;
