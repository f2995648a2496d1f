package io.cloudimage.core.delta;

import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Block mode: both disks are read in lockstep by two {@link DiskStream}s (each on its own thread,
 * each hashing its disk), and this thread compares block by block, XORs and compresses the changed
 * ones.
 */
final class BlockDiff {
  private static final int DEPTH = 8;

  private final int blockSize;
  private final int level;

  BlockDiff(int blockSize, int level) {
    this.blockSize = blockSize;
    this.level = level;
  }

  DeltaInfo create(
      VirtualDisk base,
      VirtualDisk target,
      Path delta,
      Instant created,
      ProgressListener listener,
      Cancellation cancel) {
    String op = "delta create " + delta.getFileName();
    long targetSize = target.size();
    ByteBuffer zeros = Buffers.aligned(blockSize);
    byte[] xor = new byte[blockSize];
    byte[] other = new byte[blockSize];
    byte[] packed = new byte[Zstd.bound(blockSize)];
    try (DeltaWriter out = new DeltaWriter(delta);
        DiskStream baseStream = new DiskStream(base, "base", blockSize, DEPTH, cancel);
        DiskStream targetStream = new DiskStream(target, "target", blockSize, DEPTH, cancel)) {
      long offset = 0;
      long nextReport = 0;
      for (ByteBuffer t = targetStream.next(); t != null; t = targetStream.next()) {
        cancel.throwIfCancelled(op);
        ByteBuffer b = baseStream.next();
        int length = t.remaining();
        boolean same;
        if (b == null) {
          same = zeros.limit(length).mismatch(t) < 0;
        } else if (b.remaining() >= length) {
          same = b.limit(b.position() + length).mismatch(t) < 0;
        } else {
          same = false; // the base ends inside this block
        }
        if (!same) {
          if (zeros.limit(length).mismatch(t) < 0) {
            out.zero(offset, length);
          } else {
            t.get(t.position(), xor, 0, length);
            if (b != null) {
              int n = b.remaining();
              b.get(b.position(), other, 0, n);
              for (int i = 0; i < n; i++) {
                xor[i] ^= other[i];
              }
            }
            int packedLength = Zstd.compress(packed, xor, 0, length, level);
            out.xor(offset, length, packed, packedLength);
          }
        }
        if (b != null) {
          baseStream.release(b);
        }
        targetStream.release(t);
        offset += length;
        if (offset >= nextReport) {
          listener.onProgress(new Progress(op, offset, targetSize, "comparing blocks"));
          nextReport = offset + (64L << 20);
        }
      }
      byte[] baseDigest = baseStream.drain();
      byte[] targetDigest = targetStream.digest();
      listener.onProgress(new Progress(op, offset, targetSize, "done"));
      return out.finish(
          new DeltaHeader(
              DeltaMode.BLOCK,
              blockSize,
              0,
              0,
              base.size(),
              targetSize,
              baseDigest,
              targetDigest,
              created));
    } catch (IOException e) {
      throw new UncheckedIOException(delta + ": cannot write the delta", e);
    }
  }
}
