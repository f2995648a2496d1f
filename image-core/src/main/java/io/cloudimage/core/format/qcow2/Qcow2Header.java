package io.cloudimage.core.format.qcow2;

import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The qcow2 header and the extensions that matter for reading, checked against the file. */
final class Qcow2Header {
  static final String FORMAT = "qcow2";
  static final int MAGIC = 0x514649fb;

  /** QEMU refuses L1 tables above 32 MiB; so do we, which bounds the memory an image can claim. */
  static final long MAX_L1_BYTES = 32L << 20;

  static final long INCOMPAT_DIRTY = 1;
  static final long INCOMPAT_CORRUPT = 2;
  static final long INCOMPAT_DATA_FILE = 4;
  static final long INCOMPAT_COMPRESSION = 8;
  static final long INCOMPAT_EXTL2 = 16;
  static final long COMPAT_LAZY_REFCOUNTS = 1;

  private static final int EXT_BACKING_FORMAT = 0xe2792aca;

  final int version;
  final int clusterBits;
  final long clusterSize;
  final long size;
  final int cryptMethod;
  final int l1Size;
  final long l1Offset;
  final long refcountTableOffset;
  final long refcountTableClusters;
  final long incompatible;
  final long compatible;
  final int refcountOrder;
  final int compressionType;
  final @Nullable String backingFile;

  private Qcow2Header(ImageFile f) {
    long fileSize = f.size();
    ByteBuffer h = f.read(FORMAT, 0, 72, "the header", ByteOrder.BIG_ENDIAN);
    if (h.getInt(0) != MAGIC) {
      throw f.corrupt(FORMAT, 0, "the magic is not QFI\\xfb");
    }
    version = h.getInt(4);
    if (version != 2 && version != 3) {
      throw f.corrupt(FORMAT, 4, "version " + version + " is not supported (2 and 3 are)");
    }
    long backingOffset = h.getLong(8);
    int backingSize = h.getInt(16);
    clusterBits = h.getInt(20);
    if (clusterBits < 9 || clusterBits > 21) {
      throw f.corrupt(FORMAT, 20, "cluster_bits " + clusterBits + " is outside 9..21");
    }
    clusterSize = 1L << clusterBits;
    size = h.getLong(24);
    if (size < 0) {
      throw f.corrupt(
          FORMAT, 24, "the virtual size " + Long.toUnsignedString(size) + " is too big");
    }
    cryptMethod = h.getInt(32);
    l1Size = h.getInt(36);
    l1Offset = h.getLong(40);
    refcountTableOffset = h.getLong(48);
    refcountTableClusters = Integer.toUnsignedLong(h.getInt(56));
    if (l1Size < 0 || (long) l1Size * 8 > MAX_L1_BYTES) {
      throw f.corrupt(
          FORMAT, 36, "l1_size " + Integer.toUnsignedString(l1Size) + " exceeds 32 MiB of table");
    }
    long l2Entries = clusterSize / 8;
    long mappable = (long) l1Size * l2Entries;
    // l1Size * l2Entries * clusterSize may overflow: compare in clusters instead.
    long clustersNeeded = (size + clusterSize - 1) >>> clusterBits;
    if (clustersNeeded > mappable) {
      throw f.corrupt(
          FORMAT,
          24,
          "the virtual size "
              + size
              + " is beyond what the L1 table of "
              + l1Size
              + " entries can map with "
              + clusterSize
              + "-byte clusters");
    }
    if (l1Size > 0) {
      checkTable(f, l1Offset, (long) l1Size * 8, 40, "the L1 table");
    }
    if (version == 3) {
      ByteBuffer v3 = f.read(FORMAT, 72, 32, "the version 3 header", ByteOrder.BIG_ENDIAN);
      incompatible = v3.getLong(0);
      compatible = v3.getLong(8);
      refcountOrder = v3.getInt(24);
      int headerLength = v3.getInt(28);
      if (headerLength < 104 || headerLength > clusterSize) {
        throw f.corrupt(FORMAT, 100, "header_length " + headerLength + " is outside 104..cluster");
      }
      if (refcountOrder > 6) {
        throw f.corrupt(FORMAT, 96, "refcount_order " + refcountOrder + " is above 6");
      }
      int type = 0;
      if (headerLength > 104) {
        type = f.read(FORMAT, 104, 1, "compression_type", ByteOrder.BIG_ENDIAN).get(0) & 0xff;
      }
      compressionType = type;
      if ((incompatible & INCOMPAT_COMPRESSION) == 0 && type != 0) {
        throw f.corrupt(FORMAT, 104, "compression_type is set without its incompatible bit");
      }
      if (type > 1) {
        throw f.corrupt(
            FORMAT, 104, "compression_type " + type + " is unknown (0 deflate, 1 zstd)");
      }
      readExtensions(f, headerLength, backingOffset);
    } else {
      incompatible = 0;
      compatible = 0;
      refcountOrder = 4;
      compressionType = 0;
      readExtensions(f, 72, backingOffset);
    }
    long unknown = incompatible & ~31L;
    if (unknown != 0) {
      throw f.corrupt(
          FORMAT, 72, "unknown incompatible features 0x" + Long.toHexString(unknown) + " are set");
    }
    if (backingOffset != 0) {
      if (backingSize <= 0 || backingSize > 1023) {
        throw f.corrupt(
            FORMAT, 16, "backing_file_size " + backingSize + " is outside 1..1023 bytes");
      }
      if (backingOffset < 0 || backingOffset + backingSize > Math.min(fileSize, clusterSize)) {
        throw f.corrupt(FORMAT, 8, "the backing file name lies outside the header cluster");
      }
      ByteBuffer name =
          f.read(FORMAT, backingOffset, backingSize, "the backing file name", ByteOrder.BIG_ENDIAN);
      backingFile = StandardCharsets.UTF_8.decode(name).toString();
    } else {
      backingFile = null;
    }
  }

  private @Nullable String backingFormatFound;

  private void readExtensions(ImageFile f, long start, long backingOffset) {
    long end = Math.min(clusterSize, f.size());
    if (backingOffset > 0) {
      end = Math.min(end, backingOffset);
    }
    long pos = start;
    // At most a cluster's worth of 8-byte extension headers: bounded even on a hostile header.
    for (int i = 0; i < clusterSize / 8 && pos + 8 <= end; i++) {
      ByteBuffer e = f.read(FORMAT, pos, 8, "a header extension", ByteOrder.BIG_ENDIAN);
      int type = e.getInt(0);
      long length = Integer.toUnsignedLong(e.getInt(4));
      if (type == 0) {
        break;
      }
      if (pos + 8 + length > end) {
        throw f.corrupt(
            FORMAT,
            pos,
            "header extension 0x"
                + Integer.toHexString(type)
                + " of "
                + length
                + " bytes runs past the header cluster");
      }
      if (type == EXT_BACKING_FORMAT) {
        ByteBuffer name =
            f.read(FORMAT, pos + 8, (int) length, "the backing format", ByteOrder.BIG_ENDIAN);
        backingFormatFound = StandardCharsets.US_ASCII.decode(name).toString();
      }
      pos += 8 + ((length + 7) & ~7L);
    }
  }

  static Qcow2Header read(ImageFile f) {
    return new Qcow2Header(f);
  }

  @Nullable String backingFormat() {
    return backingFormatFound;
  }

  /** Names of the feature bits set, for inspection. */
  List<String> features() {
    List<String> out = new ArrayList<>();
    if ((incompatible & INCOMPAT_DIRTY) != 0) {
      out.add("dirty");
    }
    if ((incompatible & INCOMPAT_CORRUPT) != 0) {
      out.add("corrupt");
    }
    if ((incompatible & INCOMPAT_DATA_FILE) != 0) {
      out.add("external-data-file");
    }
    if ((incompatible & INCOMPAT_EXTL2) != 0) {
      out.add("extended-l2");
    }
    if ((compatible & COMPAT_LAZY_REFCOUNTS) != 0) {
      out.add("lazy-refcounts");
    }
    if (compressionType == 1) {
      out.add("compression-type-zstd");
    }
    return out;
  }

  /** Checks that a table is cluster-aligned, inside the file, and not over the header cluster. */
  void checkTable(ImageFile f, long offset, long length, long field, String what) {
    if (offset <= 0 || (offset & (clusterSize - 1)) != 0) {
      throw f.corrupt(
          FORMAT,
          field,
          what + " offset " + offset + " is not a cluster boundary" + " past the header");
    }
    if (offset > f.size() || length > f.size() - offset) {
      throw f.corrupt(
          FORMAT,
          field,
          what
              + " at "
              + offset
              + " ("
              + length
              + " bytes) lies past the end of the file ("
              + f.size()
              + " bytes)");
    }
  }
}
