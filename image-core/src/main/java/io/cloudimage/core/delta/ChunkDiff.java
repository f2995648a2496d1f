package io.cloudimage.core.delta;

import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * CDC mode: the base is cut into content-defined chunks indexed by their SHA-256 (the first 128
 * bits, with the length); then the target is cut the same way, and each of its chunks is either a
 * reference to a base offset or new data, compressed. Runs of references to consecutive base bytes
 * merge into one record, as do runs of zeros.
 */
final class ChunkDiff {
  private static final int READ = 1 << 20;
  private static final int DEPTH = 4;

  private final int min;
  private final int avg;
  private final int max;
  private final int level;

  ChunkDiff(int min, int avg, int max, int level) {
    this.min = min;
    this.avg = avg;
    this.max = max;
    this.level = level;
  }

  /** A chunk's identity: 128 bits of its SHA-256 and its length. */
  private record ChunkKey(long high, long low, int length) {
    static ChunkKey of(MessageDigest sha, byte[] data, int offset, int length) {
      sha.update(data, offset, length);
      ByteBuffer d = ByteBuffer.wrap(sha.digest());
      return new ChunkKey(d.getLong(), d.getLong(), length);
    }
  }

  DeltaInfo create(
      VirtualDisk base,
      VirtualDisk target,
      Path delta,
      Instant created,
      ProgressListener listener,
      Cancellation cancel) {
    String op = "delta create " + delta.getFileName();
    GearChunker chunker = new GearChunker(min, avg, max);
    MessageDigest sha = Sha256.create();
    long total = base.size() + target.size();
    Map<ChunkKey, Long> index = new HashMap<>();
    byte[] baseDigest;
    long nextReport = 0;
    try (DiskStream stream = new DiskStream(base, "base", READ, DEPTH, cancel)) {
      ChunkStream chunks = new ChunkStream(stream, chunker, READ);
      for (int n = chunks.next(); n > 0; n = chunks.next()) {
        cancel.throwIfCancelled(op);
        index.putIfAbsent(ChunkKey.of(sha, chunks.window(), chunks.start(), n), chunks.position());
        chunks.advance(n);
        if (chunks.position() >= nextReport) {
          listener.onProgress(new Progress(op, chunks.position(), total, "indexing base chunks"));
          nextReport = chunks.position() + (64L << 20);
        }
      }
      baseDigest = stream.digest();
    }
    byte[] packed = new byte[Zstd.bound(max)];
    try (DeltaWriter out = new DeltaWriter(delta);
        DiskStream stream = new DiskStream(target, "target", READ, DEPTH, cancel)) {
      ChunkStream chunks = new ChunkStream(stream, chunker, READ);
      Run run = new Run(out);
      nextReport = 0;
      for (int n = chunks.next(); n > 0; n = chunks.next()) {
        cancel.throwIfCancelled(op);
        byte[] w = chunks.window();
        int s = chunks.start();
        long at = chunks.position();
        Long found = null;
        if (allZero(w, s, n)) {
          run.zero(at, n);
        } else if ((found = index.get(ChunkKey.of(sha, w, s, n))) != null) {
          run.copy(at, found, n);
        } else {
          run.flush();
          out.data(at, n, packed, Zstd.compress(packed, w, s, n, level));
        }
        chunks.advance(n);
        if (chunks.position() >= nextReport) {
          listener.onProgress(
              new Progress(op, base.size() + chunks.position(), total, "matching target chunks"));
          nextReport = chunks.position() + (64L << 20);
        }
      }
      run.flush();
      byte[] targetDigest = stream.digest();
      listener.onProgress(new Progress(op, total, total, "done"));
      return out.finish(
          new DeltaHeader(
              DeltaMode.CDC,
              avg,
              min,
              max,
              base.size(),
              target.size(),
              baseDigest,
              targetDigest,
              created));
    } catch (IOException e) {
      throw new UncheckedIOException(delta + ": cannot write the delta", e);
    }
  }

  private static boolean allZero(byte[] data, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The pending run of base references or zeros, written when something else comes. */
  private static final class Run {
    private final DeltaWriter out;
    private int type = -1;
    private long at;
    private long baseOffset;
    private long length;

    Run(DeltaWriter out) {
      this.out = out;
    }

    void copy(long target, long base, int n) throws IOException {
      if (type == DeltaHeader.RECORD_COPY && baseOffset + length == base) {
        length += n;
        return;
      }
      flush();
      type = DeltaHeader.RECORD_COPY;
      at = target;
      baseOffset = base;
      length = n;
    }

    void zero(long target, int n) throws IOException {
      if (type == DeltaHeader.RECORD_ZERO) {
        length += n;
        return;
      }
      flush();
      type = DeltaHeader.RECORD_ZERO;
      at = target;
      length = n;
    }

    void flush() throws IOException {
      if (type == DeltaHeader.RECORD_COPY) {
        out.copy(at, baseOffset, length);
      } else if (type == DeltaHeader.RECORD_ZERO) {
        out.zero(at, length);
      }
      type = -1;
    }
  }
}
