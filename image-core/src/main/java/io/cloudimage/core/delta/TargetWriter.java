package io.cloudimage.core.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Writes the rebuilt target front to back, hashing every byte; runs of zeros are hashed but not
 * written, so that they stay holes in the output file.
 */
final class TargetWriter implements AutoCloseable {
  private final FileChannel channel;
  private final MessageDigest sha = Sha256.create();
  private final ByteBuffer zeros;
  private long position;

  TargetWriter(Path file, ByteBuffer zeros) throws IOException {
    this.channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.zeros = zeros;
  }

  /** Appends {@code data}'s remaining bytes. */
  void write(ByteBuffer data) throws IOException {
    sha.update(data.duplicate());
    while (data.hasRemaining()) {
      position += channel.write(data, position);
    }
  }

  /** Appends {@code length} zeros, as a hole. */
  void zeros(long length) {
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(left, zeros.capacity());
      sha.update(zeros.clear().limit(n));
      left -= n;
    }
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
    return sha.digest();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
