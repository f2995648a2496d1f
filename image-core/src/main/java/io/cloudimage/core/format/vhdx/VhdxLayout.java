package io.cloudimage.core.format.vhdx;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/** The VHDX header, region table and metadata items, each checked by its CRC-32C. */
final class VhdxLayout {
  static final String FORMAT = "vhdx";
  static final long KIB64 = 64 * 1024;
  static final long MIB = 1024 * 1024;
  static final long MAX_SIZE = 64L << 40;

  final int version;
  final long sequence;
  final long batOffset;
  final long batLength;
  final long blockSize;
  final boolean hasParent;
  final boolean leaveAllocated;
  final long virtualSize;
  final int logicalSectorSize;
  final long chunkRatio;
  final long payloadBlocks;

  VhdxLayout(ImageFile f) {
    ByteBuffer id = f.read(FORMAT, 0, 8, "the file identifier", ByteOrder.LITTLE_ENDIAN);
    if (!"vhdxfile".equals(new String(id.array(), java.nio.charset.StandardCharsets.US_ASCII))) {
      throw f.corrupt(FORMAT, 0, "the file identifier is not 'vhdxfile'");
    }
    ByteBuffer h1 = header(f, KIB64);
    ByteBuffer h2 = header(f, 2 * KIB64);
    ByteBuffer h;
    if (h1 != null && h2 == null) {
      h = h1;
    } else if (h1 == null && h2 != null) {
      h = h2;
    } else if (h1 == null || h2 == null) {
      throw f.corrupt(FORMAT, KIB64, "neither header has a valid signature and checksum");
    } else {
      h = Long.compareUnsigned(h1.getLong(8), h2.getLong(8)) >= 0 ? h1 : h2;
    }
    sequence = h.getLong(8);
    UUID log = Guid.read(h, 48);
    version = Short.toUnsignedInt(h.getShort(66));
    if (version != 1) {
      throw f.corrupt(FORMAT, KIB64 + 66, "version " + version + " is not 1");
    }
    if (log.getMostSignificantBits() != 0 || log.getLeastSignificantBits() != 0) {
      throw new InvalidInputException(
          f.path()
              + ": the VHDX log holds entries that were never"
              + " replayed (the image was not closed cleanly); open it once in Hyper-V or with"
              + " qemu-img check -r all to replay the log");
    }
    ByteBuffer regions = regions(f, 3 * KIB64);
    if (regions == null) {
      regions = regions(f, 4 * KIB64);
    }
    if (regions == null) {
      throw f.corrupt(FORMAT, 3 * KIB64, "neither region table has a valid signature and checksum");
    }
    int count = regions.getInt(8);
    if (count < 0 || count > 2047) {
      throw f.corrupt(FORMAT, 3 * KIB64 + 8, "region entry count " + count + " is above 2047");
    }
    long bat = -1;
    long batLen = 0;
    long meta = -1;
    long metaLen = 0;
    for (int i = 0; i < count; i++) {
      int at = 16 + i * 32;
      UUID guid = Guid.read(regions, at);
      long off = regions.getLong(at + 16);
      long len = Integer.toUnsignedLong(regions.getInt(at + 24));
      boolean required = (regions.getInt(at + 28) & 1) != 0;
      if (off < MIB || off % MIB != 0 || off > f.size() || len > f.size() - off) {
        throw f.corrupt(
            FORMAT,
            3 * KIB64 + at + 16,
            "region "
                + guid
                + " at "
                + off
                + " ("
                + len
                + " bytes) is misaligned or lies past the end of the file ("
                + f.size()
                + " bytes)");
      }
      if (guid.equals(Guid.BAT)) {
        bat = off;
        batLen = len;
      } else if (guid.equals(Guid.METADATA)) {
        meta = off;
        metaLen = len;
      } else if (required) {
        throw new InvalidInputException(
            f.path()
                + ": VHDX region "
                + guid
                + " is required and unknown; this image needs a newer reader");
      }
    }
    if (bat < 0 || meta < 0) {
      throw f.corrupt(FORMAT, 3 * KIB64, "the region table lacks the BAT or the metadata region");
    }
    if (bat < meta + metaLen && meta < bat + batLen) {
      throw f.corrupt(FORMAT, 3 * KIB64, "the BAT and the metadata region overlap");
    }
    batOffset = bat;
    batLength = batLen;
    ByteBuffer params = item(f, meta, metaLen, Guid.FILE_PARAMETERS, 8);
    blockSize = Integer.toUnsignedLong(params.getInt(0));
    int flags = params.getInt(4);
    leaveAllocated = (flags & 1) != 0;
    hasParent = (flags & 2) != 0;
    virtualSize = item(f, meta, metaLen, Guid.VIRTUAL_DISK_SIZE, 8).getLong(0);
    logicalSectorSize = item(f, meta, metaLen, Guid.LOGICAL_SECTOR_SIZE, 4).getInt(0);
    if (blockSize < MIB || blockSize > 256 * MIB || Long.bitCount(blockSize) != 1) {
      throw f.corrupt(
          FORMAT, meta, "block size " + blockSize + " is not a power of two from 1 MiB to 256 MiB");
    }
    if (logicalSectorSize != 512 && logicalSectorSize != 4096) {
      throw f.corrupt(
          FORMAT, meta, "logical sector size " + logicalSectorSize + " is not 512 or 4096");
    }
    if (virtualSize <= 0 || virtualSize > MAX_SIZE || virtualSize % logicalSectorSize != 0) {
      throw f.corrupt(
          FORMAT,
          meta,
          "virtual disk size "
              + virtualSize
              + " is not a positive multiple of the sector size up to 64 TiB");
    }
    chunkRatio = (8L * MIB * logicalSectorSize) / blockSize;
    payloadBlocks = (virtualSize + blockSize - 1) / blockSize;
    long needed = payloadBlocks + (payloadBlocks - 1) / chunkRatio;
    if (hasParent) {
      needed = ((payloadBlocks + chunkRatio - 1) / chunkRatio) * (chunkRatio + 1);
    }
    if (needed * 8 > batLength) {
      throw f.corrupt(
          FORMAT,
          batOffset,
          "the virtual size "
              + virtualSize
              + " needs "
              + needed
              + " BAT entries, the BAT region holds "
              + batLength / 8);
    }
  }

  private static @Nullable ByteBuffer header(ImageFile f, long at) {
    ByteBuffer b = f.read(FORMAT, at, 4096, "a header", ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x64616568 || !crcMatches(b, 4)) { // "head"
      return null;
    }
    return b;
  }

  private static @Nullable ByteBuffer regions(ImageFile f, long at) {
    ByteBuffer b = f.read(FORMAT, at, (int) KIB64, "a region table", ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x69676572 || !crcMatches(b, 4)) { // "regi"
      return null;
    }
    return b;
  }

  static boolean crcMatches(ByteBuffer b, int field) {
    int stored = b.getInt(field);
    return stored == crc(b, field);
  }

  static int crc(ByteBuffer b, int field) {
    byte[] copy = new byte[b.limit()];
    b.duplicate().position(0).get(copy);
    copy[field] = 0;
    copy[field + 1] = 0;
    copy[field + 2] = 0;
    copy[field + 3] = 0;
    CRC32C c = new CRC32C();
    c.update(copy);
    return (int) c.getValue();
  }

  private static ByteBuffer item(ImageFile f, long meta, long metaLen, UUID id, int length) {
    ByteBuffer t = f.read(FORMAT, meta, 32, "the metadata table header", ByteOrder.LITTLE_ENDIAN);
    if (t.getLong(0) != 0x617461646174656dL) { // "metadata"
      throw f.corrupt(FORMAT, meta, "the metadata table signature is not 'metadata'");
    }
    int count = Short.toUnsignedInt(t.getShort(10));
    if (count > 2047 || 32 + count * 32L > Math.min(metaLen, KIB64)) {
      throw f.corrupt(FORMAT, meta + 10, "metadata entry count " + count + " is too big");
    }
    ByteBuffer entries =
        f.read(FORMAT, meta + 32, count * 32, "the metadata entries", ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      if (!Guid.read(entries, i * 32).equals(id)) {
        continue;
      }
      long off = Integer.toUnsignedLong(entries.getInt(i * 32 + 16));
      long len = Integer.toUnsignedLong(entries.getInt(i * 32 + 20));
      if (len < length || off < KIB64 || off + len > metaLen) {
        throw f.corrupt(
            FORMAT,
            meta + 32 + i * 32L,
            "metadata item "
                + id
                + " at "
                + off
                + " ("
                + len
                + " bytes) lies outside the metadata region");
      }
      return f.read(FORMAT, meta + off, length, "metadata item " + id, ByteOrder.LITTLE_ENDIAN);
    }
    throw f.corrupt(FORMAT, meta, "the required metadata item " + id + " is missing");
  }

  /** The BAT index of payload block {@code block}: sector-bitmap entries interleave. */
  long batIndex(long block) {
    return block + block / chunkRatio;
  }
}
