package io.cloudimage.bench.run;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the first bytes written to it, up to a bound, and counts the rest as cut. Thread-safe. */
final class BoundedOutput extends OutputStream {
  private final int limit;
  private byte[] buffer = new byte[256];
  private int size;
  private boolean truncated;

  BoundedOutput(int limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int take = Math.min(len, limit - size);
    truncated |= take < len;
    if (take <= 0) {
      return;
    }
    if (size + take > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(buffer.length * 2, size + take)));
    }
    System.arraycopy(b, off, buffer, size, take);
    size += take;
  }

  synchronized String text() {
    return new String(buffer, 0, size, StandardCharsets.UTF_8);
  }

  synchronized boolean truncated() {
    return truncated;
  }
}
