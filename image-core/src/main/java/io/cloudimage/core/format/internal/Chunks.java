package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import java.nio.ByteBuffer;

/** Walks a disk's allocated data in aligned chunks, skipping holes and chunks of zeros. */
public final class Chunks {
  private Chunks() {}

  /** Receives one chunk that holds data. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param index the chunk's number: its offset divided by the chunk size
     * @param data the chunk, zero-padded past the disk's end; reused between calls
     */
    void accept(long index, byte[] data);
  }

  /** Calls {@code sink} for each chunk of {@code unit} bytes holding a non-zero byte, in order. */
  public static void forEachNonZero(VirtualDisk disk, int unit, Sink sink) {
    byte[] chunk = new byte[unit];
    long last = -1;
    for (Extent e : disk.extents()) {
      long first = Math.max(e.offset() / unit, last + 1);
      long end = (e.end() + unit - 1) / unit;
      for (long i = first; i < end; i++) {
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        long pos = i * unit;
        while (buf.hasRemaining()) {
          int n = disk.read(pos, buf);
          if (n <= 0) {
            break;
          }
          pos += n;
        }
        while (buf.hasRemaining()) {
          buf.put((byte) 0);
        }
        last = i;
        if (!isZero(chunk)) {
          sink.accept(i, chunk);
        }
      }
    }
  }

  /** Whether every byte is zero. */
  public static boolean isZero(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    while (b.remaining() >= 8) {
      if (b.getLong() != 0) {
        return false;
      }
    }
    while (b.hasRemaining()) {
      if (b.get() != 0) {
        return false;
      }
    }
    return true;
  }
}
