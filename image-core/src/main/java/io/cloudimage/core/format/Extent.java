package io.cloudimage.core.format;

/**
 * A run of allocated bytes of a {@link VirtualDisk}.
 *
 * @param offset where it starts, in virtual-disk bytes
 * @param length how many bytes it covers, {@code > 0}
 */
public record Extent(long offset, long length) {

  /** Checks the bounds. */
  public Extent {
    if (offset < 0 || length <= 0 || offset + length < 0) {
      throw new IllegalArgumentException("bad extent " + offset + "+" + length);
    }
  }

  /** The first byte after it. */
  public long end() {
    return offset + length;
  }
}
