package io.cloudimage.security.pgp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes read from the file, for progress. */
final class CountingInput extends FilterInputStream {
  long count;
  private long marked;

  CountingInput(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  // Sniffing for armor reads ahead and resets; progress must not count those bytes twice.
  @Override
  public synchronized void mark(int limit) {
    super.mark(limit);
    marked = count;
  }

  @Override
  public synchronized void reset() throws IOException {
    super.reset();
    count = marked;
  }
}
