package io.cloudimage.security.digest.internal;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source once and hands every chunk to several {@link ChunkSink}s, spread over at most as
 * many threads as there are cores; the reading thread hashes one group itself. With a single group
 * (one sink, or one core) everything runs on the calling thread through one cache-sized buffer.
 *
 * <p>The calling thread reads into a fixed ring of buffers; a buffer returns to the ring when every
 * sink has consumed it, so memory stays at {@code bufferCount * bufferSize} whatever the size of
 * the source.
 */
public final class FanOutReader {
  /** Default buffer size: large enough that per-chunk overhead vanishes, small enough for L2. */
  public static final int DEFAULT_BUFFER_SIZE = 1 << 20;

  /** Default number of buffers in flight. */
  public static final int DEFAULT_BUFFER_COUNT = 8;

  private static final long PROGRESS_STEP = 64L << 20;

  private final int bufferSize;
  private final int bufferCount;
  private final int threads;

  public FanOutReader(int bufferSize, int bufferCount) {
    this(bufferSize, bufferCount, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param threads the most worker threads to start; sinks beyond that share threads, grouped so
   *     that the costliest group is as cheap as possible
   */
  public FanOutReader(int bufferSize, int bufferCount, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.threads = threads;
    if (bufferSize < 4096) {
      throw new IllegalArgumentException("bufferSize must be >= 4096, was " + bufferSize);
    }
    if (bufferCount < 2) {
      throw new IllegalArgumentException("bufferCount must be >= 2, was " + bufferCount);
    }
    this.bufferSize = bufferSize;
    this.bufferCount = bufferCount;
  }

  /** Where the bytes come from. */
  public interface Source {
    /** Fills {@code buffer} from index 0 as far as it can; returns bytes read, -1 at the end. */
    int read(byte[] buffer) throws IOException;

    static Source of(FileChannel channel) {
      return buffer -> {
        ByteBuffer target = ByteBuffer.wrap(buffer);
        while (target.hasRemaining()) {
          int n = channel.read(target);
          if (n < 0) {
            break;
          }
        }
        return target.position() == 0 ? -1 : target.position();
      };
    }

    static Source of(InputStream in) {
      return buffer -> {
        int filled = 0;
        while (filled < buffer.length) {
          int n = in.read(buffer, filled, buffer.length - filled);
          if (n < 0) {
            break;
          }
          filled += n;
        }
        return filled == 0 ? -1 : filled;
      };
    }
  }

  private static final class Chunk {
    final byte[] data;
    int length;
    final AtomicInteger pending = new AtomicInteger();

    Chunk(int size) {
      this.data = new byte[size];
    }
  }

  private static final Chunk END = new Chunk(0);

  /**
   * Reads {@code source} to its end, feeding every sink.
   *
   * @param what names the input in progress reports and error messages
   * @param total the expected size in bytes, or -1 when unknown
   * @return the number of bytes read
   */
  public long run(
      Source source,
      List<? extends ChunkSink> sinks,
      String what,
      long total,
      ProgressListener listener,
      Cancellation cancellation) {
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("at least one sink is required");
    }
    List<ChunkSink> groups = new ArrayList<>(balance(sinks, threads));
    if (groups.size() == 1) {
      return runInline(source, groups.get(0), what, total, listener, cancellation);
    }
    // The reading thread hashes the cheapest group itself: on a machine with as many cores as
    // groups, a separate reader would compete with every worker for a core.
    ChunkSink own = groups.get(0);
    for (ChunkSink g : groups) {
      if (g.cost() < own.cost()) {
        own = g;
      }
    }
    groups.remove(own);
    BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(bufferCount);
    for (int i = 0; i < bufferCount; i++) {
      free.add(new Chunk(bufferSize));
    }
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    List<BlockingQueue<Chunk>> queues = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (ChunkSink sink : groups) {
      BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(bufferCount + 1);
      queues.add(queue);
      Thread worker =
          new Thread(
              () -> drain(queue, sink, free, failure), "cloudimage-digest-" + workers.size());
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    long done = 0;
    long nextReport = PROGRESS_STEP;
    boolean interrupted = false;
    try {
      listener.onProgress(new Progress(what, 0, total, "reading"));
      while (true) {
        cancellation.throwIfCancelled(what);
        Throwable failed = failure.get();
        if (failed != null) {
          break;
        }
        Chunk chunk = free.take();
        int n;
        try {
          n = source.read(chunk.data);
        } catch (IOException e) {
          free.add(chunk);
          throw new InvalidInputException(
              "cannot read " + what + " at offset " + done + ": " + e.getMessage(), e);
        }
        if (n < 0) {
          free.add(chunk);
          break;
        }
        chunk.length = n;
        chunk.pending.set(queues.size() + 1);
        for (BlockingQueue<Chunk> queue : queues) {
          queue.put(chunk);
        }
        own.update(chunk.data, 0, n);
        if (chunk.pending.decrementAndGet() == 0) {
          free.add(chunk);
        }
        done += n;
        if (done >= nextReport) {
          listener.onProgress(new Progress(what, done, total, "hashing"));
          nextReport = done + PROGRESS_STEP;
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      throw new CancelledException(what + " (interrupted)");
    } finally {
      for (BlockingQueue<Chunk> queue : queues) {
        queue.add(END);
      }
      for (Thread worker : workers) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    Throwable failed = failure.get();
    if (failed instanceof CloudImageException cie) {
      throw cie;
    }
    if (failed instanceof UncheckedIOException uio) {
      throw new InvalidInputException("cannot process " + what + ": " + uio.getMessage(), uio);
    }
    if (failed instanceof RuntimeException re) {
      throw re;
    }
    if (failed instanceof Error err) {
      throw err;
    }
    listener.onProgress(new Progress(what, done, total < 0 ? done : total, "done"));
    return done;
  }

  /** The largest buffer used when hashing on the reading thread alone; it stays in L2 cache. */
  static final int INLINE_BUFFER_SIZE = 256 * 1024;

  /** One group of sinks: read and hash on the calling thread, no hand-off, one cache-hot buffer. */
  private long runInline(
      Source source,
      ChunkSink sink,
      String what,
      long total,
      ProgressListener listener,
      Cancellation cancellation) {
    byte[] buffer = new byte[Math.min(bufferSize, INLINE_BUFFER_SIZE)];
    long done = 0;
    long nextReport = PROGRESS_STEP;
    listener.onProgress(new Progress(what, 0, total, "reading"));
    while (true) {
      cancellation.throwIfCancelled(what);
      int n;
      try {
        n = source.read(buffer);
      } catch (IOException e) {
        throw new InvalidInputException(
            "cannot read " + what + " at offset " + done + ": " + e.getMessage(), e);
      }
      if (n < 0) {
        break;
      }
      sink.update(buffer, 0, n);
      done += n;
      if (done >= nextReport) {
        listener.onProgress(new Progress(what, done, total, "hashing"));
        nextReport = done + PROGRESS_STEP;
      }
    }
    listener.onProgress(new Progress(what, done, total < 0 ? done : total, "done"));
    return done;
  }

  /** Greedy longest-first partition of sinks into at most {@code threads} groups. */
  static List<ChunkSink> balance(List<? extends ChunkSink> sinks, int threads) {
    int groups = Math.min(threads, sinks.size());
    if (groups == sinks.size()) {
      return List.copyOf(sinks);
    }
    if (groups == 1) {
      return List.of(group(List.copyOf(sinks)));
    }
    List<ChunkSink> sorted = new ArrayList<>(sinks);
    sorted.sort((a, b) -> Double.compare(b.cost(), a.cost()));
    List<List<ChunkSink>> parts = new ArrayList<>();
    double[] load = new double[groups];
    for (int i = 0; i < groups; i++) {
      parts.add(new ArrayList<>());
    }
    for (ChunkSink sink : sorted) {
      int best = 0;
      for (int i = 1; i < groups; i++) {
        if (load[i] < load[best]) {
          best = i;
        }
      }
      parts.get(best).add(sink);
      load[best] += sink.cost();
    }
    List<ChunkSink> out = new ArrayList<>();
    for (List<ChunkSink> part : parts) {
      out.add(part.size() == 1 ? part.get(0) : group(List.copyOf(part)));
    }
    return out;
  }

  private static ChunkSink group(List<ChunkSink> members) {
    double cost = members.stream().mapToDouble(ChunkSink::cost).sum();
    return new ChunkSink() {
      @Override
      public void update(byte[] data, int offset, int length) {
        for (ChunkSink member : members) {
          member.update(data, offset, length);
        }
      }

      @Override
      public double cost() {
        return cost;
      }
    };
  }

  private static void drain(
      BlockingQueue<Chunk> queue,
      ChunkSink sink,
      BlockingQueue<Chunk> free,
      AtomicReference<@Nullable Throwable> failure) {
    boolean failed = false;
    while (true) {
      Chunk chunk;
      try {
        chunk = queue.take();
      } catch (InterruptedException e) {
        failure.compareAndSet(null, e);
        return;
      }
      if (chunk == END) {
        return;
      }
      if (!failed) {
        try {
          sink.update(chunk.data, 0, chunk.length);
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
          failed = true;
        }
      }
      if (chunk.pending.decrementAndGet() == 0) {
        free.add(chunk);
      }
    }
  }
}
