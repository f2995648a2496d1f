package io.cloudimage.core.blockstore;

import io.cloudimage.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * One block of a snapshot, as a listing names it.
 *
 * @param index the block's index: its byte offset divided by the store's block size
 * @param token the store's handle to read it (EBS block tokens expire), or {@code null} when the
 *     block is absent in this snapshot (a changed-block listing's side where it is unallocated)
 */
public record Block(long index, @Nullable String token) {
  /** Checks the index. */
  public Block {
    if (index < 0) {
      throw new InvalidInputException("Block.index must be >= 0, was " + index);
    }
  }

  /** The block's byte offset in a store with {@code blockSize}-byte blocks. */
  public long offset(int blockSize) {
    return index * blockSize;
  }
}
