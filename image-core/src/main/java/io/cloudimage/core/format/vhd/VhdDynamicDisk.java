package io.cloudimage.core.format.vhd;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.internal.BlockDisk;
import io.cloudimage.core.format.internal.ExtentBuilder;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A dynamic VHD: a dynamic header, a BAT of block sectors, blocks of a bitmap and data. */
final class VhdDynamicDisk extends BlockDisk {
  private static final String FORMAT = VhdFooter.FORMAT;
  private static final int UNUSED = 0xffffffff;

  /** More BAT entries than this (a 16 MiB table) is refused, which bounds memory. */
  private static final long MAX_ENTRIES = 4L << 20;

  private final ImageFile file;
  private final long size;
  private final long blockSize;
  private final int bitmapBytes;
  private final int[] bat;

  VhdDynamicDisk(ImageFile file, VhdFooter footer) {
    this.file = file;
    this.size = footer.virtualSize();
    long headerOffset = footer.dataOffset;
    if (headerOffset < 512 || headerOffset > file.size() - 1024) {
      throw file.corrupt(
          FORMAT,
          footer.offset + 16,
          "the dynamic header offset "
              + headerOffset
              + " lies outside the file ("
              + file.size()
              + " bytes)");
    }
    ByteBuffer h =
        file.read(FORMAT, headerOffset, 1024, "the dynamic header", ByteOrder.BIG_ENDIAN);
    byte[] cookie = new byte[8];
    h.get(0, cookie);
    if (!"cxsparse".equals(new String(cookie, StandardCharsets.ISO_8859_1))) {
      throw file.corrupt(FORMAT, headerOffset, "the dynamic header cookie is not 'cxsparse'");
    }
    if (h.getInt(36) != VhdFooter.checksum(h, 36)) {
      throw file.corrupt(FORMAT, headerOffset + 36, "the dynamic header checksum does not match");
    }
    long tableOffset = h.getLong(16);
    long entries = Integer.toUnsignedLong(h.getInt(28));
    blockSize = Integer.toUnsignedLong(h.getInt(32));
    if (blockSize < 512 || Long.bitCount(blockSize) != 1 || blockSize > (256L << 20)) {
      throw file.corrupt(
          FORMAT,
          headerOffset + 32,
          "block size " + blockSize + " is not a power of two between 512 bytes and 256 MiB");
    }
    if (entries > MAX_ENTRIES) {
      throw file.corrupt(
          FORMAT, headerOffset + 28, "max table entries " + entries + " exceeds " + MAX_ENTRIES);
    }
    if (entries * blockSize < size) {
      throw file.corrupt(
          FORMAT,
          headerOffset + 28,
          "the virtual size "
              + size
              + " is beyond what "
              + entries
              + " blocks of "
              + blockSize
              + " bytes can hold");
    }
    if (tableOffset < 512 || tableOffset > file.size() || entries * 4 > file.size() - tableOffset) {
      throw file.corrupt(
          FORMAT,
          headerOffset + 16,
          "the BAT at "
              + tableOffset
              + " ("
              + entries * 4
              + " bytes) lies past the end of the file ("
              + file.size()
              + " bytes)");
    }
    bat = new int[(int) entries];
    file.read(FORMAT, tableOffset, (int) entries * 4, "the BAT", ByteOrder.BIG_ENDIAN)
        .asIntBuffer()
        .get(bat);
    long sectors = blockSize / 512;
    bitmapBytes = (int) (((sectors + 7) / 8 + 511) / 512 * 512);
    long tableEnd = tableOffset + entries * 4;
    for (int i = 0; i < bat.length; i++) {
      if (bat[i] == UNUSED) {
        continue;
      }
      long start = Integer.toUnsignedLong(bat[i]) * 512;
      if (start + bitmapBytes + blockSize > file.size()) {
        throw file.corrupt(
            FORMAT,
            tableOffset + i * 4L,
            "block "
                + i
                + " at "
                + start
                + " runs past the end of the file ("
                + file.size()
                + " bytes)");
      }
      if (start < tableEnd && start + bitmapBytes + blockSize > headerOffset) {
        throw file.corrupt(
            FORMAT,
            tableOffset + i * 4L,
            "block " + i + " at " + start + " overlaps the dynamic header or the BAT");
      }
    }
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.VHD;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  protected long blockSize() {
    return blockSize;
  }

  long blockBytes() {
    return blockSize;
  }

  @Override
  protected void readBlock(long offset, ByteBuffer dst) {
    int block = (int) (offset / blockSize);
    if (block >= bat.length || bat[block] == UNUSED) {
      zero(dst);
      return;
    }
    // Like qemu-img, the sector bitmap is not consulted: a dynamic disk's unwritten sectors of an
    // allocated block are zeros on the file.
    long host = Integer.toUnsignedLong(bat[block]) * 512 + bitmapBytes + offset % blockSize;
    file.readFully(FORMAT, host, dst.duplicate(), "block " + block);
    dst.position(dst.limit());
  }

  @Override
  public List<Extent> extents() {
    ExtentBuilder b = new ExtentBuilder();
    for (int i = 0; i < bat.length; i++) {
      if (bat[i] != UNUSED) {
        b.add(i * blockSize, blockSize);
      }
    }
    return b.build(size);
  }

  @Override
  public void close() {
    file.close();
  }
}
