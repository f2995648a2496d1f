package io.cloudimage.security.digest.internal;

/** Receives the bytes of a stream in order, one chunk at a time, on a single worker thread. */
@FunctionalInterface
public interface ChunkSink {
  /** Consumes {@code length} bytes of {@code data} starting at {@code offset}. */
  void update(byte[] data, int offset, int length);

  /**
   * Relative CPU cost per byte, used to spread sinks over fewer threads than there are sinks:
   * SHA-256 with SHA-NI is 1, SHA-512 and MD5 about 2.4.
   */
  default double cost() {
    return 1.0;
  }
}
