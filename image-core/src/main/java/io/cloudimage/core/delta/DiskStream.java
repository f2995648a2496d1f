package io.cloudimage.core.delta;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Reads a disk front to back on its own thread into a few fixed page-aligned buffers and hands the
 * filled buffers over through a bounded queue, while a {@link DigestThread} computes the disk's
 * SHA-256 from the same buffers: reading, hashing and whatever the consumer does with the bytes run
 * on three threads at once, and no byte is copied between them. Memory is {@code depth} buffers,
 * whatever the disk's size.
 *
 * <p>The consumer takes each buffer with {@link #next()} and gives it back with {@link
 * #release(ByteBuffer)}; a buffer is reused only once both the consumer and the hashing thread are
 * done with it. A consumer that lends a buffer to another thread (to write or hash it there) calls
 * {@link #retain(ByteBuffer)} first and has that thread release it. One consumer takes buffers;
 * {@code retain} and {@code release} may be called from any thread.
 */
final class DiskStream implements AutoCloseable {
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final VirtualDisk disk;
  private final String name;
  private final Cancellation cancel;
  private final BlockingQueue<ByteBuffer> filled;
  private final BlockingQueue<ByteBuffer> free;
  private final ByteBuffer[] buffers;
  private final AtomicInteger[] users;
  private final DigestThread sha;
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
    this.buffers = new ByteBuffer[depth];
    this.users = new AtomicInteger[depth];
    for (int i = 0; i < depth; i++) {
      buffers[i] = Buffers.aligned(bufferSize);
      users[i] = new AtomicInteger();
      free.add(buffers[i]);
    }
    this.sha = new DigestThread(name, depth + 1);
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
        users[slot(buf)].set(2); // the hashing thread and the consumer
        sha.add(buf, () -> release(buf));
        pos += n;
        filled.put(buf);
      }
      digest = sha.finish();
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

  private int slot(ByteBuffer buf) {
    for (int i = 0; i < buffers.length; i++) {
      if (buffers[i] == buf) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a buffer of this stream");
  }

  /** Adds a user to a buffer the consumer holds: it is reused only after one more release. */
  void retain(ByteBuffer buf) {
    users[slot(buf)].incrementAndGet();
  }

  /** Gives a buffer back; it is reused once every user has released it. */
  void release(ByteBuffer buf) {
    if (users[slot(buf)].decrementAndGet() == 0) {
      free.offer(buf);
    }
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

  /** Stops the reading and hashing threads. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sha.close();
  }
}
