package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The hosted sparse extent header ({@code KDMV}), or the footer that stream-optimized files end
 * with.
 */
final class SparseHeader {
  static final String FORMAT = "vmdk";
  static final int MAGIC = 0x564d444b;
  static final long GD_AT_END = -1L;
  static final int FLAG_ZEROED_GTE = 1 << 2;
  static final int FLAG_COMPRESSED = 1 << 16;
  static final int FLAG_MARKERS = 1 << 17;

  /** A grain directory above 4 Mi entries (16 MiB) is refused, which bounds memory. */
  static final long MAX_GD_ENTRIES = 4L << 20;

  final long offset;
  final int version;
  final int flags;
  final long capacitySectors;
  final long grainSectors;
  final long descriptorSector;
  final long descriptorSectors;
  final int gtEntries;
  final long gdSector;
  final long overheadSectors;
  final int compressAlgorithm;

  private SparseHeader(ImageFile f, long offset) {
    this.offset = offset;
    ByteBuffer b = f.read(FORMAT, offset, 512, "the sparse extent header", ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC) {
      throw f.corrupt(FORMAT, offset, "the sparse extent magic is not KDMV");
    }
    version = b.getInt(4);
    flags = b.getInt(8);
    capacitySectors = b.getLong(12);
    grainSectors = b.getLong(20);
    descriptorSector = b.getLong(28);
    descriptorSectors = b.getLong(36);
    gtEntries = b.getInt(44);
    gdSector = b.getLong(56);
    overheadSectors = b.getLong(64);
    compressAlgorithm = Short.toUnsignedInt(b.getShort(77));
    if (version < 1 || version > 3) {
      throw f.corrupt(FORMAT, offset + 4, "version " + version + " is not 1, 2 or 3");
    }
    if (capacitySectors < 0 || capacitySectors > (Long.MAX_VALUE >> 9)) {
      throw f.corrupt(FORMAT, offset + 12, "capacity " + capacitySectors + " sectors is too big");
    }
    if (grainSectors < 1 || Long.bitCount(grainSectors) != 1 || grainSectors > 2048) {
      throw f.corrupt(
          FORMAT,
          offset + 20,
          "grain size " + grainSectors + " sectors is not a power of two up to 1 MiB");
    }
    if (gtEntries < 1 || gtEntries > 4096) {
      throw f.corrupt(FORMAT, offset + 44, "numGTEsPerGT " + gtEntries + " is outside 1..4096");
    }
    if ((flags & FLAG_COMPRESSED) != 0 && compressAlgorithm != 1) {
      throw f.corrupt(
          FORMAT,
          offset + 77,
          "compression algorithm " + compressAlgorithm + " is not 1 (deflate)");
    }
    if (gdEntries() > MAX_GD_ENTRIES) {
      throw f.corrupt(
          FORMAT,
          offset + 12,
          "the capacity needs " + gdEntries() + " grain tables, more than " + MAX_GD_ENTRIES);
    }
  }

  /** The header at the start; for a stream-optimized file, the footer that supersedes it. */
  static SparseHeader read(ImageFile f) {
    SparseHeader h = new SparseHeader(f, 0);
    if (h.gdSector == GD_AT_END) {
      if (f.size() < 1536) {
        throw f.corrupt(FORMAT, 56, "the grain directory is at the end but the file has no footer");
      }
      SparseHeader footer = new SparseHeader(f, f.size() - 1024);
      if (footer.gdSector == GD_AT_END) {
        throw f.corrupt(
            FORMAT, footer.offset + 56, "the footer does not locate the grain directory");
      }
      return footer;
    }
    return h;
  }

  boolean compressed() {
    return (flags & FLAG_COMPRESSED) != 0;
  }

  long grainBytes() {
    return grainSectors * 512;
  }

  long gdEntries() {
    long perGt = grainSectors * gtEntries;
    return (capacitySectors + perGt - 1) / perGt;
  }
}
