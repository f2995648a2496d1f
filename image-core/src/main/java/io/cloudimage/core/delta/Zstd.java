package io.cloudimage.core.delta;

import io.cloudimage.core.error.CorruptDataException;
import java.nio.file.Path;

/** zstd compression of record payloads, kept behind this class so no zstd type leaks out. */
final class Zstd {
  private Zstd() {}

  /** The largest compressed size of {@code length} bytes. */
  static int bound(int length) {
    return (int) com.github.luben.zstd.Zstd.compressBound(length);
  }

  /** Compresses {@code src[0, length)} into {@code dst}; returns the compressed length. */
  static int compress(byte[] dst, byte[] src, int srcOffset, int length, int level) {
    long n =
        com.github.luben.zstd.Zstd.compressByteArray(
            dst, 0, dst.length, src, srcOffset, length, level);
    if (com.github.luben.zstd.Zstd.isError(n)) {
      throw new IllegalStateException(
          "zstd compression failed: " + com.github.luben.zstd.Zstd.getErrorName(n));
    }
    return (int) n;
  }

  /**
   * Decompresses exactly {@code length} bytes into {@code dst}.
   *
   * @throws CorruptDataException when the payload is not zstd or not of that length
   */
  static void decompress(
      byte[] dst, int length, byte[] src, int srcLength, Path file, long recordOffset) {
    long n = com.github.luben.zstd.Zstd.decompressByteArray(dst, 0, length, src, 0, srcLength);
    if (com.github.luben.zstd.Zstd.isError(n) || n != length) {
      throw new CorruptDataException(
          file,
          recordOffset,
          "record payload does not decompress to its "
              + length
              + " bytes"
              + (com.github.luben.zstd.Zstd.isError(n)
                  ? " (" + com.github.luben.zstd.Zstd.getErrorName(n) + ")"
                  : ""));
    }
  }
}
