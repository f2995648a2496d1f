package io.cloudimage.core.format.vhdx;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.internal.BlockDisk;
import io.cloudimage.core.format.internal.ExtentBuilder;
import io.cloudimage.core.format.internal.ImageFile;
import io.cloudimage.core.format.internal.TableCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** A fixed or dynamic VHDX read through its BAT, loaded in pages as needed. */
final class VhdxDisk extends BlockDisk {
  private static final String FORMAT = VhdxLayout.FORMAT;
  private static final int PAGE_ENTRIES = 4096;
  private static final int FULLY_PRESENT = 6;
  private static final int PARTIALLY_PRESENT = 7;

  private final ImageFile file;
  private final VhdxLayout layout;
  private final TableCache<long[]> pages = new TableCache<>(16);

  VhdxDisk(ImageFile file, VhdxLayout layout) {
    this.file = file;
    this.layout = layout;
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.VHDX;
  }

  @Override
  public long size() {
    return layout.virtualSize;
  }

  @Override
  protected long blockSize() {
    return layout.blockSize;
  }

  private long entry(long index) {
    long page = index / PAGE_ENTRIES;
    long[] entries =
        pages.get(
            page,
            p -> {
              long first = p * PAGE_ENTRIES;
              int n = (int) Math.min(PAGE_ENTRIES, layout.batLength / 8 - first);
              long[] out = new long[n];
              file.read(
                      FORMAT,
                      layout.batOffset + first * 8,
                      n * 8,
                      "the BAT",
                      ByteOrder.LITTLE_ENDIAN)
                  .asLongBuffer()
                  .get(out);
              return out;
            });
    return entries[(int) (index % PAGE_ENTRIES)];
  }

  /** The file offset of a block's data, or -1 when it reads as zeros. */
  private long blockOffset(long block) {
    long index = layout.batIndex(block);
    long e = entry(index);
    int state = (int) (e & 7);
    long where = layout.batOffset + index * 8;
    switch (state) {
      case 0, 1, 2, 3 -> {
        return -1;
      }
      case FULLY_PRESENT -> {
        long off = e & ~0xfffffL;
        if (off < VhdxLayout.MIB || off > file.size() - layout.blockSize) {
          throw file.corrupt(
              FORMAT,
              where,
              "payload block "
                  + block
                  + " at "
                  + off
                  + " lies outside the file's data area ("
                  + file.size()
                  + " bytes)");
        }
        if (off < layout.batOffset + layout.batLength
            && layout.batOffset < off + layout.blockSize) {
          throw file.corrupt(FORMAT, where, "payload block " + block + " overlaps the BAT");
        }
        return off;
      }
      case PARTIALLY_PRESENT ->
          throw file.corrupt(
              FORMAT,
              where,
              "payload block "
                  + block
                  + " is partially present, which only differencing disks may be");
      default ->
          throw file.corrupt(FORMAT, where, "payload block state " + state + " is not defined");
    }
  }

  @Override
  protected void readBlock(long offset, ByteBuffer dst) {
    long block = offset / layout.blockSize;
    long host = blockOffset(block);
    if (host < 0) {
      zero(dst);
      return;
    }
    file.readFully(FORMAT, host + offset % layout.blockSize, dst.duplicate(), "a payload block");
    dst.position(dst.limit());
  }

  @Override
  public List<Extent> extents() {
    ExtentBuilder b = new ExtentBuilder();
    for (long block = 0; block < layout.payloadBlocks; block++) {
      if (blockOffset(block) >= 0) {
        b.add(block * layout.blockSize, layout.blockSize);
      }
    }
    return b.build(layout.virtualSize);
  }

  @Override
  public void close() {
    file.close();
  }
}
