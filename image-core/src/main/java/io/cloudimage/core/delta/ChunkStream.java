package io.cloudimage.core.delta;

import java.nio.ByteBuffer;

/**
 * Cuts the bytes a {@link DiskStream} delivers into content-defined chunks, through one window of
 * {@code max + readSize} bytes: the current chunk is always whole in {@link #window()}.
 */
final class ChunkStream {
  private final DiskStream source;
  private final GearChunker chunker;
  private final int readSize;
  private final byte[] window;
  private int start;
  private int end;
  private boolean eof;
  private long position;

  ChunkStream(DiskStream source, GearChunker chunker, int readSize) {
    this.source = source;
    this.chunker = chunker;
    this.readSize = readSize;
    this.window = new byte[chunker.max() + readSize];
  }

  /** The length of the next chunk, which starts at {@link #start()}; 0 at the end. */
  int next() {
    while (!eof && end - start < chunker.max()) {
      if (window.length - end < readSize) {
        System.arraycopy(window, start, window, 0, end - start);
        end -= start;
        start = 0;
      }
      ByteBuffer b = source.next();
      if (b == null) {
        eof = true;
      } else {
        int n = b.remaining();
        b.get(window, end, n);
        end += n;
        source.release(b);
      }
    }
    return end == start ? 0 : chunker.cut(window, start, end - start);
  }

  /** Moves past the chunk {@link #next()} returned. */
  void advance(int length) {
    start += length;
    position += length;
  }

  byte[] window() {
    return window;
  }

  int start() {
    return start;
  }

  /** Where the current chunk starts in the disk. */
  long position() {
    return position;
  }
}
