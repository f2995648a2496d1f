package io.cloudimage.core.delta;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * CDC mode: the base is cut into content-defined chunks indexed by a fast 128-bit hash ({@link
 * ChunkHash}) and their length; then the target is cut the same way, and each of its chunks is
 * either a reference to a base offset or new data, compressed. Runs of references to consecutive
 * base bytes merge into one record, as do runs of zeros.
 */
final class ChunkDiff {
  private static final int READ = 1 << 20;
  private static final int DEPTH = 4;

  private final int min;
  private final int avg;
  private final int max;
  private final int level;

  private final ChunkHasher hasher;

  ChunkDiff(int min, int avg, int max, int level) {
    this(min, avg, max, level, ChunkHash::key);
  }

  ChunkDiff(int min, int avg, int max, int level, ChunkHasher hasher) {
    this.hasher = hasher;
    this.min = min;
    this.avg = avg;
    this.max = max;
    this.level = level;
  }

  /** A target chunk as the first pass saw it: where, how long, and its key (null: all zeros). */
  private record TargetChunk(long offset, int length, @Nullable ChunkKey key) {}

  /** The base's chunk index and digest. */
  private record BaseIndex(Map<ChunkKey, Long> chunks, byte[] digest) {}

  /**
   * The base is indexed on one thread while the target is cut and hashed on this one (each disk
   * also has its reading thread, which hashes it whole); the records are written once both are
   * done, reading back only the target's new chunks to compress them.
   */
  DeltaInfo create(
      VirtualDisk base,
      VirtualDisk target,
      Path delta,
      Instant created,
      ProgressListener listener,
      Cancellation cancel) {
    String op = "delta create " + delta.getFileName();
    GearChunker chunker = new GearChunker(min, avg, max);
    Reporter progress = new Reporter(op, base.size() + target.size(), listener);
    FutureTask<BaseIndex> indexing =
        new FutureTask<>(() -> index(base, chunker, op, progress, cancel));
    Thread indexer = new Thread(indexing, "cloudimage-index-base");
    indexer.setDaemon(true);
    indexer.start();
    try {
      List<TargetChunk> chunks = new ArrayList<>();
      byte[] targetDigest;
      try (DiskStream stream = new DiskStream(target, "target", READ, DEPTH, cancel)) {
        ChunkStream cutter = new ChunkStream(stream, chunker, READ);
        for (int n = cutter.next(); n > 0; n = cutter.next()) {
          cancel.throwIfCancelled(op);
          byte[] w = cutter.window();
          int s = cutter.start();
          ChunkKey key = allZero(w, s, n) ? null : hasher.key(w, s, n);
          chunks.add(new TargetChunk(cutter.position(), n, key));
          cutter.advance(n);
          progress.add(n, "cutting the target");
        }
        targetDigest = stream.digest();
      }
      BaseIndex index = indexing.get();
      return write(base, target, delta, created, chunks, index, targetDigest, cancel, op);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException(op);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("indexing the base failed", e.getCause());
    } finally {
      indexing.cancel(true);
    }
  }

  private BaseIndex index(
      VirtualDisk base, GearChunker chunker, String op, Reporter progress, Cancellation cancel) {
    Map<ChunkKey, Long> index = new HashMap<>();
    try (DiskStream stream = new DiskStream(base, "base", READ, DEPTH, cancel)) {
      ChunkStream cutter = new ChunkStream(stream, chunker, READ);
      for (int n = cutter.next(); n > 0; n = cutter.next()) {
        cancel.throwIfCancelled(op);
        index.putIfAbsent(hasher.key(cutter.window(), cutter.start(), n), cutter.position());
        cutter.advance(n);
        progress.add(n, "indexing the base");
      }
      return new BaseIndex(index, stream.digest());
    }
  }

  private DeltaInfo write(
      VirtualDisk base,
      VirtualDisk target,
      Path delta,
      Instant created,
      List<TargetChunk> chunks,
      BaseIndex index,
      byte[] targetDigest,
      Cancellation cancel,
      String op) {
    byte[] data = new byte[max];
    byte[] packed = new byte[Zstd.bound(max)];
    try (DeltaWriter out = new DeltaWriter(delta)) {
      Run run = new Run(out);
      for (TargetChunk c : chunks) {
        cancel.throwIfCancelled(op);
        ChunkKey key = c.key();
        Long found = key == null ? null : index.chunks().get(key);
        if (key == null) {
          run.zero(c.offset(), c.length());
        } else if (found != null) {
          run.copy(c.offset(), found, c.length());
        } else {
          run.flush();
          ByteBuffer buf = ByteBuffer.wrap(data, 0, c.length());
          while (buf.hasRemaining()) {
            if (target.read(c.offset() + buf.position(), buf) <= 0) {
              throw new IllegalStateException(op + ": the target shrank while it was read");
            }
          }
          out.data(
              c.offset(), c.length(), packed, Zstd.compress(packed, data, 0, c.length(), level));
        }
      }
      run.flush();
      return out.finish(
          new DeltaHeader(
              DeltaMode.CDC,
              avg,
              min,
              max,
              base.size(),
              target.size(),
              index.digest(),
              targetDigest,
              created));
    } catch (IOException e) {
      throw new UncheckedIOException(delta + ": cannot write the delta", e);
    }
  }

  /** Progress over both disks, from both threads, in order. */
  private static final class Reporter {
    private final String op;
    private final long total;
    private final ProgressListener listener;
    private long done;
    private long next;

    Reporter(String op, long total, ProgressListener listener) {
      this.op = op;
      this.total = total;
      this.listener = listener;
    }

    synchronized void add(long n, String message) {
      done += n;
      if (done >= next || done == total) {
        listener.onProgress(new Progress(op, done, total, done == total ? "done" : message));
        next = done + (64L << 20);
      }
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
