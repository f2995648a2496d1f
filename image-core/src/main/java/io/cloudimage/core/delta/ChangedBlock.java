package io.cloudimage.core.delta;

/**
 * One block a block-mode delta changes: what a block store's upload (such as EBS {@code
 * PutSnapshotBlock}) needs to send.
 *
 * @param index the block number, {@code offset / blockSize}
 * @param offset where the block starts in the target disk
 * @param length its length: the block size, shorter only for the disk's last block
 * @param zero whether the block became all zeros (a hole: nothing to send but its absence)
 */
public record ChangedBlock(long index, long offset, int length, boolean zero) {}
