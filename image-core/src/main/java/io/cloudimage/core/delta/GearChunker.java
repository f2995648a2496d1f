package io.cloudimage.core.delta;

import java.util.SplittableRandom;

/**
 * FastCDC-style content-defined cut points: a gear rolling hash ({@code h = (h << 1) + G[byte]})
 * over the bytes after the minimum chunk size, with normalised chunking: a harder condition (more
 * bits of the hash must be zero) before the average size and an easier one after it, so that chunk
 * sizes gather around the average. Cut points depend only on the last 64 bytes, so after an insert
 * or a delete the chunking falls back in step with the base's within a chunk or two.
 */
final class GearChunker {
  /** The same table for every run, so that deltas are reproducible. */
  private static final long[] GEAR = gear();

  private final int min;
  private final int avg;
  private final int max;
  private final long maskHard;
  private final long maskEasy;

  GearChunker(int min, int avg, int max) {
    if (min <= 0 || min > avg || avg > max || Integer.bitCount(avg) != 1) {
      throw new IllegalArgumentException(
          "chunk sizes must be 0 < min <= avg <= max with avg a power of two, were "
              + min
              + "/"
              + avg
              + "/"
              + max);
    }
    this.min = min;
    this.avg = avg;
    this.max = max;
    int bits = Integer.numberOfTrailingZeros(avg);
    // The top bits of the hash depend on the most bytes, so the masks take those.
    this.maskHard = -1L << (64 - (bits + 1));
    this.maskEasy = -1L << (64 - (bits - 1));
  }

  int max() {
    return max;
  }

  /**
   * The length of the next chunk of {@code data[offset, offset + length)}; when fewer than {@link
   * #max()} bytes are given, the caller must give all the bytes left in the stream.
   */
  int cut(byte[] data, int offset, int length) {
    if (length <= min) {
      return length;
    }
    int end = Math.min(length, max);
    int normal = Math.min(avg, end);
    long h = 0;
    int i = min;
    for (; i < normal; i++) {
      h = (h << 1) + GEAR[data[offset + i] & 0xff];
      if ((h & maskHard) == 0) {
        return i + 1;
      }
    }
    for (; i < end; i++) {
      h = (h << 1) + GEAR[data[offset + i] & 0xff];
      if ((h & maskEasy) == 0) {
        return i + 1;
      }
    }
    return end;
  }

  private static long[] gear() {
    SplittableRandom random = new SplittableRandom(0x636c6f7564696d67L);
    long[] g = new long[256];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextLong();
    }
    return g;
  }
}
