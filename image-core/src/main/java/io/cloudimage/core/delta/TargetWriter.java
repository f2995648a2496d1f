package io.cloudimage.core.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * Writes the rebuilt target front to back while a second thread computes its SHA-256; runs of zeros
 * are hashed but not written, so that they stay holes in the output file.
 *
 * <p>Hashing is the costliest step of an apply after the I/O, and the base is already hashed on its
 * reading thread: giving the target's digest its own thread lets the calling thread only
 * decompress, XOR and write. Bytes are handed over as copies in a small pool of direct buffers
 * ({@value #SLOTS} of {@value #SLOT} bytes), so memory stays fixed.
 */
final class TargetWriter implements AutoCloseable {
  private static final int SLOT = 1 << 20;
  private static final int SLOTS = 8;

  /** One piece of work for the hasher: bytes, a run of zeros, or the end. */
  private record Piece(@Nullable ByteBuffer bytes, long zeros, boolean end) {}

  private final FileChannel channel;
  private final ByteBuffer zeros;
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(SLOTS);
  private final BlockingQueue<Piece> work = new ArrayBlockingQueue<>(SLOTS + 1);
  private final FutureTask<byte[]> digest;
  private final Thread hasher;
  private long position;

  TargetWriter(Path file, ByteBuffer zeros) throws IOException {
    this.channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.zeros = zeros;
    for (int i = 0; i < SLOTS; i++) {
      free.add(Buffers.aligned(SLOT));
    }
    this.digest = new FutureTask<>(this::hash);
    this.hasher = new Thread(digest, "cloudimage-hash-target");
    hasher.setDaemon(true);
    hasher.start();
  }

  private byte[] hash() throws InterruptedException {
    MessageDigest sha = Sha256.create();
    ByteBuffer zero = ByteBuffer.allocateDirect(SLOT);
    while (true) {
      Piece p = work.take();
      if (p.end()) {
        return sha.digest();
      }
      ByteBuffer b = p.bytes();
      if (b != null) {
        sha.update(b);
        free.put(b.clear());
      }
      for (long left = p.zeros(); left > 0; ) {
        int n = (int) Math.min(left, SLOT);
        sha.update(zero.clear().limit(n));
        left -= n;
      }
    }
  }

  private void hand(Piece p) throws IOException {
    try {
      work.put(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the target");
    }
  }

  /** Appends {@code data}'s remaining bytes. */
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
      ByteBuffer part = src.slice(src.position(), n);
      slot.put(part).flip();
      src.position(src.position() + n);
      hand(new Piece(slot, 0, false));
    }
    while (data.hasRemaining()) {
      position += channel.write(data, position);
    }
  }

  /** Appends {@code length} zeros, as a hole. */
  void zeros(long length) throws IOException {
    hand(new Piece(null, length, false));
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
    hand(new Piece(null, 0, true));
    if (channel.size() < position) {
      channel.write(ByteBuffer.allocate(1), position - 1);
    }
    channel.force(true);
    try {
      return digest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the target");
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing the target failed", e.getCause());
    }
  }

  @Override
  public void close() throws IOException {
    // Stops the hasher when the apply failed before finish(); after finish() it has ended.
    hasher.interrupt();
    channel.close();
  }
}
