package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.VirtualDisk;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;

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
    int n = (int) Math.min(dst.remaining(), size - offset);
    if (n == 0) {
      return 0;
    }
    long block = blockSize();
    long firstBlock = offset / block;
    int blocks = (int) ((offset + n - 1) / block - firstBlock + 1);
    // A large read spans many blocks; each is independent (positional reads, per-block
    // decompression), so they run in parallel, as qemu-img keeps several requests in flight.
    IntStream range = IntStream.range(0, blocks);
    if (blocks >= PARALLEL_BLOCKS) {
      range = range.parallel();
    }
    range.forEach(
        i -> {
          long from = Math.max(offset, (firstBlock + i) * block);
          long to = Math.min(offset + n, (firstBlock + i + 1) * block);
          ByteBuffer piece = dst.duplicate();
          piece.limit(start + (int) (to - offset)).position(start + (int) (from - offset));
          readBlock(from, piece);
        });
    dst.position(start + n);
    return n;
  }

  /** Reads spanning at least this many blocks are served in parallel. */
  private static final int PARALLEL_BLOCKS = 4;

  private static final byte[] ZEROS = new byte[64 * 1024];

  /** Writes {@code dst.remaining()} zeros into {@code dst}. */
  protected static void zero(ByteBuffer dst) {
    while (dst.hasRemaining()) {
      dst.put(ZEROS, 0, Math.min(ZEROS.length, dst.remaining()));
    }
  }
}
