package io.cloudimage.core.delta;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Reads a disk front to back on its own thread into a few fixed page-aligned buffers, hashing
 * (SHA-256) what it reads, and hands the filled buffers over through a bounded queue: reading and
 * hashing one disk overlap whatever the consumer does with the buffers. Memory is {@code depth}
 * buffers, whatever the disk's size.
 *
 * <p>The consumer takes each buffer with {@link #next()} and gives it back with {@link
 * #release(ByteBuffer)}. Not thread-safe on the consumer's side: one consumer.
 */
final class DiskStream implements AutoCloseable {
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final VirtualDisk disk;
  private final String name;
  private final Cancellation cancel;
  private final BlockingQueue<ByteBuffer> filled;
  private final BlockingQueue<ByteBuffer> free;
  private final MessageDigest sha = Sha256.create();
  private final Thread thread;
  private volatile @Nullable RuntimeException failure;
  private volatile boolean stopped;
  private byte @Nullable [] digest;

  /**
   * Starts reading.
   *
   * @param name the disk's name in thread names and messages
   * @param bufferSize bytes per buffer; every buffer but the last is full
   * @param depth buffers in flight
   */
  DiskStream(VirtualDisk disk, String name, int bufferSize, int depth, Cancellation cancel) {
    this.disk = disk;
    this.name = name;
    this.cancel = cancel;
    this.filled = new ArrayBlockingQueue<>(depth + 1);
    this.free = new ArrayBlockingQueue<>(depth);
    for (int i = 0; i < depth; i++) {
      free.add(Buffers.aligned(bufferSize));
    }
    this.thread = new Thread(this::readAll, "cloudimage-read-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void readAll() {
    try {
      long pos = 0;
      long size = disk.size();
      while (pos < size && !stopped) {
        ByteBuffer buf = free.take();
        cancel.throwIfCancelled("reading " + name);
        buf.clear();
        if (size - pos < buf.capacity()) {
          buf.limit((int) (size - pos));
        }
        int n = disk.read(pos, buf);
        if (n <= 0) {
          break; // the disk ended early: the consumer pads with zeros
        }
        buf.flip();
        sha.update(buf.duplicate());
        pos += n;
        filled.put(buf);
      }
      digest = sha.digest();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new CancelledException("reading " + name);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      // Room is guaranteed: the filled queue holds one more than there are buffers.
      filled.offer(END);
    }
  }

  /**
   * The next buffer, flipped for reading, or {@code null} at the end of the disk.
   *
   * @throws RuntimeException what the reading thread failed with
   */
  @Nullable ByteBuffer next() {
    ByteBuffer buf;
    try {
      buf = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("reading " + name);
    }
    if (buf == END) {
      filled.offer(END); // later calls see the end again
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
      return null;
    }
    return buf;
  }

  /** Gives a buffer back for reuse. */
  void release(ByteBuffer buf) {
    free.offer(buf);
  }

  /** Reads to the end, releasing every buffer, and returns the disk's SHA-256. */
  byte[] drain() {
    for (ByteBuffer b = next(); b != null; b = next()) {
      release(b);
    }
    return digest();
  }

  /**
   * The SHA-256 of the whole disk, once {@link #next()} has returned {@code null}.
   *
   * @throws IllegalStateException before the end
   */
  byte[] digest() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("reading " + name);
    }
    byte[] d = digest;
    if (d == null) {
      throw new IllegalStateException(name + " was not read to the end");
    }
    return d;
  }

  /** Stops the reading thread. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
