package io.cloudimage.core.delta;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a target from a base and one delta into a file, hashing the target as it is written and,
 * when asked, the base as it is read, then checks both digests against the delta's header.
 *
 * <p>The base's digest is checked <em>concurrently</em> with the rebuild, not before it: in block
 * mode a hashing thread reads the very buffers the base's reading thread fills; in CDC mode, whose
 * copies read the base out of order, a second stream reads and hashes it front to back meanwhile.
 * So the base digest is known when the target is complete, not before. Reading the base twice would
 * double the cost of every apply; the output is a hidden temporary file until both digests match,
 * so a wrong base (even one that differs only in its last block) never leaves anything under the
 * output's name.
 *
 * <p>Four threads share the work of a block apply: the base's reader, the base's hasher, the
 * calling thread (decompress, XOR, write) and the target's hasher. Unchanged base blocks are lent
 * to the target's hasher and written from the buffer they were read into, so no byte of them is
 * copied in user space.
 */
final class DeltaApplier {
  private static final int COPY_BUFFER = 1 << 20;

  /** Base blocks in flight: read ahead, being hashed as the base, or lent to the target's hash. */
  private static final int BASE_BUFFERS = 16;

  /** CDC mode: buffers for copies out of the base, in flight to the target's hashing thread. */
  private static final int COPY_BUFFERS = 8;

  private DeltaApplier() {}

  /**
   * Applies {@code delta} to {@code base} into {@code out} (an existing, empty temporary file).
   *
   * @param baseName how messages name the base
   * @param checkBase whether to hash the base and compare it with the delta's base digest; a base
   *     that is itself the verified target of the previous delta needs no second check
   */
  static void apply(
      VirtualDisk base,
      String baseName,
      DeltaFile delta,
      Path out,
      boolean checkBase,
      ProgressListener listener,
      Cancellation cancel) {
    DeltaHeader h = delta.header();
    if (base.size() != h.baseSize()) {
      throw new CheckFailedException(
          baseName
              + " is not the base of "
              + delta.file()
              + ": it holds "
              + base.size()
              + " bytes, the delta was made against "
              + h.baseSize()
              + " bytes (SHA-256 "
              + DeltaHeader.hex(h.baseDigest())
              + ")");
    }
    byte[] baseDigest;
    byte[] targetDigest;
    try {
      if (h.mode() == DeltaMode.BLOCK) {
        byte[][] digests = applyBlocks(base, delta, out, checkBase, listener, cancel);
        baseDigest = digests[0];
        targetDigest = digests[1];
      } else {
        byte[][] digests = applyChunks(base, delta, out, checkBase, listener, cancel);
        baseDigest = digests[0];
        targetDigest = digests[1];
      }
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot write the target", e);
    }
    if (checkBase && !MessageDigest.isEqual(baseDigest, h.baseDigest())) {
      throw new CheckFailedException(
          baseName
              + " is not the base of "
              + delta.file()
              + ": its SHA-256 is "
              + DeltaHeader.hex(baseDigest)
              + ", the delta was made against "
              + DeltaHeader.hex(h.baseDigest()));
    }
    if (!MessageDigest.isEqual(targetDigest, h.targetDigest())) {
      throw new CheckFailedException(
          delta.file()
              + " does not reproduce its target: the result's SHA-256 is "
              + DeltaHeader.hex(targetDigest)
              + ", the delta promises "
              + DeltaHeader.hex(h.targetDigest())
              + "; the base or the delta is damaged");
    }
  }

  /** Returns {base digest or empty, target digest}. */
  private static byte[][] applyBlocks(
      VirtualDisk base,
      DeltaFile delta,
      Path out,
      boolean checkBase,
      ProgressListener listener,
      Cancellation cancel)
      throws IOException {
    DeltaHeader h = delta.header();
    int bs = h.blockSize();
    long targetSize = h.targetSize();
    String op = "delta apply " + delta.file().getFileName();
    byte[] block = new byte[bs];
    byte[] baseBytes = new byte[bs];
    ByteBuffer zeros = Buffers.aligned(Math.max(bs, COPY_BUFFER));
    try (DiskStream baseStream = new DiskStream(base, "base", bs, BASE_BUFFERS, cancel);
        DeltaFile.Records records = delta.records();
        TargetWriter target = new TargetWriter(out, zeros)) {
      DeltaRecord r = records.next();
      long nextReport = 0;
      for (long offset = 0; offset < targetSize; offset += bs) {
        cancel.throwIfCancelled(op);
        int length = (int) Math.min(bs, targetSize - offset);
        ByteBuffer b = baseStream.next();
        while (r != null && r.offset() + r.length() <= offset) {
          r = records.next();
        }
        DeltaRecord here = r != null && r.offset() <= offset ? r : null;
        if (here != null && here.type() == DeltaHeader.RECORD_ZERO) {
          target.zeros(length);
        } else if (here != null) {
          Zstd.decompress(
              block, length, here.payload(), here.payloadLength(), delta.file(), here.fileOffset());
          if (b != null) {
            int n = Math.min(length, b.remaining());
            b.get(b.position(), baseBytes, 0, n);
            for (int i = 0; i < n; i++) {
              block[i] ^= baseBytes[i];
            }
          }
          ByteBuffer result = ByteBuffer.wrap(block, 0, length);
          if (target.isZero(result)) {
            target.zeros(length);
          } else {
            target.write(result);
          }
        } else if (b == null) {
          target.zeros(length);
        } else {
          int n = Math.min(length, b.remaining());
          ByteBuffer same = b.duplicate().limit(b.position() + n);
          if (target.isZero(same)) {
            target.zeros(n);
          } else {
            // An unchanged block: the target's hashing thread reads the base's buffer itself.
            baseStream.retain(b);
            target.write(same, () -> baseStream.release(b));
          }
          target.zeros(length - n);
        }
        if (b != null) {
          baseStream.release(b);
        }
        if (offset >= nextReport) {
          listener.onProgress(new Progress(op, offset, targetSize, "rebuilding the target"));
          nextReport = offset + (64L << 20);
        }
      }
      while (r != null) {
        r = records.next(); // reads to the end record, which checks the trailer's position
      }
      byte[] baseDigest = checkBase ? baseStream.drain() : new byte[0];
      byte[] targetDigest = target.finish();
      listener.onProgress(new Progress(op, targetSize, targetSize, "verified"));
      return new byte[][] {baseDigest, targetDigest};
    }
  }

  private static byte[][] applyChunks(
      VirtualDisk base,
      DeltaFile delta,
      Path out,
      boolean checkBase,
      ProgressListener listener,
      Cancellation cancel)
      throws IOException {
    DeltaHeader h = delta.header();
    long targetSize = h.targetSize();
    String op = "delta apply " + delta.file().getFileName();
    byte[] chunk = new byte[h.maxChunk()];
    BlockingQueue<ByteBuffer> copies = new ArrayBlockingQueue<>(COPY_BUFFERS);
    for (int i = 0; i < COPY_BUFFERS; i++) {
      copies.add(Buffers.aligned(COPY_BUFFER));
    }
    ByteBuffer zeros = Buffers.aligned(COPY_BUFFER);
    @Nullable DiskStream hashing =
        checkBase ? new DiskStream(base, "base", COPY_BUFFER, 4, cancel) : null;
    FutureTask<byte[]> baseDigest =
        new FutureTask<>(() -> hashing == null ? new byte[0] : hashing.drain());
    Thread hasher = new Thread(baseDigest, "cloudimage-hash-base");
    hasher.setDaemon(true);
    hasher.start();
    try (DeltaFile.Records records = delta.records();
        TargetWriter target = new TargetWriter(out, zeros)) {
      long nextReport = 0;
      for (DeltaRecord r = records.next(); r != null; r = records.next()) {
        cancel.throwIfCancelled(op);
        switch (r.type()) {
          case DeltaHeader.RECORD_ZERO -> target.zeros(r.length());
          case DeltaHeader.RECORD_DATA -> {
            int n = (int) r.length();
            Zstd.decompress(chunk, n, r.payload(), r.payloadLength(), delta.file(), r.fileOffset());
            target.write(ByteBuffer.wrap(chunk, 0, n));
          }
          default -> {
            long from = r.baseOffset();
            long left = r.length();
            while (left > 0) {
              // Copied bytes are lent to the target's hashing thread, which gives the buffer
              // back once hashed: the only taker is this thread, after its write has returned.
              ByteBuffer copy = copies.take();
              copy.clear().limit((int) Math.min(left, copy.capacity()));
              int n = base.read(from, copy);
              if (n <= 0) {
                throw new CheckFailedException("the base ended at " + from + " inside a copy");
              }
              target.write(copy.flip(), () -> copies.offer(copy));
              from += n;
              left -= n;
            }
          }
        }
        if (target.position() >= nextReport) {
          listener.onProgress(
              new Progress(op, target.position(), targetSize, "rebuilding the target"));
          nextReport = target.position() + (64L << 20);
        }
      }
      byte[] targetDigest = target.finish();
      byte[] digest = baseDigest.get();
      listener.onProgress(new Progress(op, targetSize, targetSize, "verified"));
      return new byte[][] {digest, targetDigest};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.cloudimage.core.error.CancelledException(op);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("hashing the base failed", cause);
    } finally {
      if (hashing != null) {
        hashing.close();
      }
      hasher.interrupt();
    }
  }
}
