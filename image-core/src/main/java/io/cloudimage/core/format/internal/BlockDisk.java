package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.VirtualDisk;
import java.nio.ByteBuffer;

/**
 * A disk stored as fixed-size blocks (qcow2 clusters, VMDK grains, VHD and VHDX blocks): reads are
 * cut at block boundaries and each piece is served by {@link #readBlock}.
 */
public abstract class BlockDisk implements VirtualDisk {

  /** The size of a block in bytes, a power of two. */
  protected abstract long blockSize();

  /**
   * Fills {@code dst} (which never crosses a block boundary) with the disk's bytes from {@code
   * offset}; holes are zeros.
   */
  protected abstract void readBlock(long offset, ByteBuffer dst);

  @Override
  public int read(long offset, ByteBuffer dst) {
    long size = size();
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    if (offset >= size) {
      return -1;
    }
    int start = dst.position();
    int limit = dst.limit();
    long pos = offset;
    try {
      while (dst.position() < limit && pos < size) {
        long inBlock = pos % blockSize();
        long n = Math.min(Math.min(blockSize() - inBlock, size - pos), limit - dst.position());
        dst.limit(dst.position() + (int) n);
        readBlock(pos, dst);
        dst.position(dst.limit());
        pos += n;
      }
    } finally {
      dst.limit(limit);
    }
    return dst.position() - start;
  }

  /** Writes {@code dst.remaining()} zeros into {@code dst}. */
  protected static void zero(ByteBuffer dst) {
    while (dst.hasRemaining()) {
      dst.put((byte) 0);
    }
  }
}
