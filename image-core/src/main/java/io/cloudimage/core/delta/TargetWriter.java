package io.cloudimage.core.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes the rebuilt target front to back while a {@link DigestThread} computes its SHA-256; runs
 * of zeros are hashed but not written, so that they stay holes in the output file.
 *
 * <p>Bytes that live in a buffer nobody changes until the hash is done (a block of the base that
 * the delta leaves as it was) are lent to the hashing thread as they are ({@link #write(ByteBuffer,
 * Runnable)}); other bytes are copied into a small pool of direct buffers ({@value #SLOTS} of
 * {@value #SLOT} bytes), so memory stays fixed either way.
 */
final class TargetWriter implements AutoCloseable {
  private static final int SLOT = 1 << 20;
  private static final int SLOTS = 8;

  private final FileChannel channel;
  private final ByteBuffer zeros;
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(SLOTS);
  private final DigestThread sha;
  private long position;

  TargetWriter(Path file, ByteBuffer zeros) throws IOException {
    this.channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.zeros = zeros;
    for (int i = 0; i < SLOTS; i++) {
      free.add(Buffers.aligned(SLOT));
    }
    this.sha = new DigestThread("target", 2 * SLOTS);
  }

  /** Appends {@code data}'s remaining bytes, copying them for the hashing thread. */
  void write(ByteBuffer data) throws IOException {
    ByteBuffer src = data.duplicate();
    while (src.hasRemaining()) {
      ByteBuffer slot;
      try {
        slot = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing the target");
      }
      int n = Math.min(src.remaining(), slot.capacity());
      slot.clear();
      slot.put(src.slice(src.position(), n)).flip();
      src.position(src.position() + n);
      sha.add(slot, () -> free.offer(slot));
    }
    writeOut(data);
  }

  /**
   * Appends {@code data}'s remaining bytes without copying them: the hashing thread reads them
   * where they are and runs {@code hashed} once done. The caller must leave the bytes unchanged
   * until both this method has returned and {@code hashed} has run.
   */
  void write(ByteBuffer data, Runnable hashed) throws IOException {
    sha.add(data, hashed);
    writeOut(data.duplicate());
  }

  private void writeOut(ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      position += channel.write(data, position);
    }
  }

  /** Appends {@code length} zeros, as a hole. */
  void zeros(long length) {
    sha.addZeros(length);
    position += length;
  }

  /** Whether the buffer's remaining bytes are all zeros. */
  boolean isZero(ByteBuffer data) {
    int n = data.remaining();
    return n <= zeros.capacity() && zeros.clear().limit(n).mismatch(data) < 0;
  }

  long position() {
    return position;
  }

  /** Gives the file its full size (a trailing hole), syncs it, and returns its SHA-256. */
  byte[] finish() throws IOException {
    if (channel.size() < position) {
      channel.write(ByteBuffer.allocate(1), position - 1);
    }
    channel.force(true);
    return sha.finish();
  }

  @Override
  public void close() throws IOException {
    // Stops the hasher when the apply failed before finish(); after finish() it has ended.
    sha.close();
    channel.close();
  }
}
