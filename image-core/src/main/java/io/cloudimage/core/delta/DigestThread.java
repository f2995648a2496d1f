package io.cloudimage.core.delta;

import io.cloudimage.core.error.CancelledException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * Computes the SHA-256 of a stream of pieces on its own thread, in the order they are handed over:
 * bytes in a buffer the caller lends (and gets back through a callback once hashed), or a run of
 * zeros. SHA-256 is the costliest step of creating or applying a delta after the I/O; on its own
 * thread it runs beside the reads, the writes and the other disk's digest, and buffers are lent
 * rather than copied, so memory stays at what the callers pool.
 *
 * <p>One producer. {@link #finish()} returns the digest; {@link #close()} stops the thread early.
 */
final class DigestThread implements AutoCloseable {
  private static final int ZEROS = 1 << 20;

  /** One piece of work: bytes (with what to do once hashed), a run of zeros, or the end. */
  private record Piece(
      @Nullable ByteBuffer bytes, @Nullable Runnable done, long zeros, boolean end) {}

  private final String name;
  private final BlockingQueue<Piece> work;
  private final FutureTask<byte[]> digest;
  private final Thread thread;

  /**
   * Starts the thread.
   *
   * @param name what is hashed, in the thread's name and in messages
   * @param depth pieces waiting at most; the producer waits beyond
   */
  DigestThread(String name, int depth) {
    this.name = name;
    this.work = new ArrayBlockingQueue<>(depth);
    this.digest = new FutureTask<>(this::hash);
    this.thread = new Thread(digest, "cloudimage-hash-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private byte[] hash() throws InterruptedException {
    MessageDigest sha = Sha256.create();
    @Nullable ByteBuffer zero = null;
    while (true) {
      Piece p = work.take();
      if (p.end()) {
        return sha.digest();
      }
      ByteBuffer b = p.bytes();
      if (b != null) {
        sha.update(b);
        Runnable done = p.done();
        if (done != null) {
          done.run();
        }
      }
      if (p.zeros() > 0 && zero == null) {
        zero = ByteBuffer.allocateDirect(ZEROS);
      }
      for (long left = p.zeros(); left > 0 && zero != null; ) {
        int n = (int) Math.min(left, ZEROS);
        sha.update(zero.clear().limit(n));
        left -= n;
      }
    }
  }

  private void hand(Piece p) {
    try {
      work.put(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("hashing " + name);
    }
  }

  /**
   * Hashes {@code bytes}' remaining bytes next, then runs {@code done} on the hashing thread. The
   * caller must not change those bytes until then; this does not move the buffer's position.
   */
  void add(ByteBuffer bytes, Runnable done) {
    hand(new Piece(bytes.duplicate(), done, 0, false));
  }

  /** Hashes {@code length} zeros next. */
  void addZeros(long length) {
    if (length > 0) {
      hand(new Piece(null, null, length, false));
    }
  }

  /**
   * Waits for every piece to be hashed and returns the digest.
   *
   * @throws CancelledException when interrupted
   */
  byte[] finish() {
    hand(new Piece(null, null, 0, true));
    try {
      return digest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("hashing " + name);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing " + name + " failed", e.getCause());
    }
  }

  /** Stops the thread if it still runs (after a failure); no callback runs after this returns. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
