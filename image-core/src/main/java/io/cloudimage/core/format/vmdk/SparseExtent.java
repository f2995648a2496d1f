package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.internal.BlockDisk;
import io.cloudimage.core.format.internal.ExtentBuilder;
import io.cloudimage.core.format.internal.ImageFile;
import io.cloudimage.core.format.internal.Inflate;
import io.cloudimage.core.format.internal.TableCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One hosted sparse extent: the grain directory points to grain tables, which point to grains, raw
 * or (stream-optimized) deflated behind a grain marker.
 */
final class SparseExtent extends BlockDisk {
  private static final String FORMAT = SparseHeader.FORMAT;

  private final ImageFile file;
  private final SparseHeader header;
  private final int[] gd;
  private final TableCache<int[]> gtCache = new TableCache<>(64);

  /** The last grain inflated, for reads smaller than a grain; replaced whole, never mutated. */
  private volatile @Nullable Inflated lastInflated;

  private record Inflated(long sector, byte[] data) {}

  SparseExtent(ImageFile file, SparseHeader header) {
    this.file = file;
    this.header = header;
    long entries = header.gdEntries();
    long gdOffset = header.gdSector * 512;
    if (header.gdSector <= 0
        || gdOffset < 0
        || gdOffset > file.size()
        || entries * 4 > file.size() - gdOffset) {
      throw file.corrupt(
          FORMAT,
          header.offset + 56,
          "the grain directory at sector "
              + header.gdSector
              + " ("
              + entries
              + " entries) lies past the end of the file ("
              + file.size()
              + " bytes)");
    }
    gd = new int[(int) entries];
    file.read(FORMAT, gdOffset, (int) entries * 4, "the grain directory", ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .get(gd);
  }

  SparseHeader header() {
    return header;
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.VMDK;
  }

  @Override
  public long size() {
    return header.capacitySectors * 512;
  }

  @Override
  protected long blockSize() {
    return header.grainBytes();
  }

  private int @Nullable [] gt(int index) {
    long sector = Integer.toUnsignedLong(gd[index]);
    if (sector == 0) {
      return null;
    }
    long offset = sector * 512;
    long where = header.gdSector * 512 + index * 4L;
    if (offset + header.gtEntries * 4L > file.size()) {
      throw file.corrupt(
          FORMAT,
          where,
          "grain table "
              + index
              + " at "
              + offset
              + " lies past the end of the file ("
              + file.size()
              + " bytes)");
    }
    if (offset < 512) {
      throw file.corrupt(FORMAT, where, "grain table " + index + " overlaps the header");
    }
    return gtCache.get(
        offset,
        o -> {
          int[] t = new int[header.gtEntries];
          file.read(FORMAT, o, header.gtEntries * 4, "a grain table", ByteOrder.LITTLE_ENDIAN)
              .asIntBuffer()
              .get(t);
          return t;
        });
  }

  /** The grain's sector on the file, 0 for unallocated, 1 for a zeroed grain. */
  private long grainSector(long grain, long[] where) {
    int gdIndex = (int) (grain / header.gtEntries);
    int[] table = gdIndex < gd.length ? gt(gdIndex) : null;
    if (table == null) {
      return 0;
    }
    int gtIndex = (int) (grain % header.gtEntries);
    where[0] = Integer.toUnsignedLong(gd[gdIndex]) * 512 + gtIndex * 4L;
    return Integer.toUnsignedLong(table[gtIndex]);
  }

  @Override
  protected void readBlock(long offset, ByteBuffer dst) {
    long grain = offset / header.grainBytes();
    int inGrain = (int) (offset % header.grainBytes());
    long[] where = new long[1];
    long sector = grainSector(grain, where);
    if (sector == 0 || sector == 1) {
      zero(dst);
      return;
    }
    if (sector < header.overheadSectors && header.overheadSectors > 0 && !header.compressed()) {
      throw file.corrupt(
          FORMAT,
          where[0],
          "grain " + grain + " at sector " + sector + " overlaps the header and tables");
    }
    if (header.compressed()) {
      byte[] data = compressedGrain(sector, grain, where[0]);
      dst.put(data, inGrain, dst.remaining());
      return;
    }
    long host = sector * 512;
    if (host + header.grainBytes() > file.size()) {
      throw file.corrupt(
          FORMAT,
          where[0],
          "grain "
              + grain
              + " at "
              + host
              + " lies past the end of the file ("
              + file.size()
              + " bytes)");
    }
    file.readFully(FORMAT, host + inGrain, dst.duplicate(), "a grain");
    dst.position(dst.limit());
  }

  private byte[] compressedGrain(long sector, long grain, long where) {
    Inflated last = lastInflated;
    if (last != null && last.sector() == sector) {
      return last.data();
    }
    long host = sector * 512;
    ByteBuffer marker = file.read(FORMAT, host, 12, "a grain marker", ByteOrder.LITTLE_ENDIAN);
    long lba = marker.getLong(0);
    long size = Integer.toUnsignedLong(marker.getInt(8));
    if (lba != grain * header.grainSectors) {
      throw file.corrupt(
          FORMAT,
          host,
          "the grain marker says sector "
              + lba
              + " where the grain table expects "
              + grain * header.grainSectors);
    }
    if (size == 0 || size > 2 * header.grainBytes() + 1024) {
      throw file.corrupt(FORMAT, host + 8, "compressed grain size " + size + " is not plausible");
    }
    ByteBuffer in =
        file.read(FORMAT, host + 12, (int) size, "a compressed grain", ByteOrder.LITTLE_ENDIAN);
    byte[] out = new byte[(int) header.grainBytes()];
    String[] error = new String[1];
    int got = Inflate.inflate(in.array(), (int) size, out, true, error);
    if (got < 0) {
      throw file.corrupt(FORMAT, host + 12, "grain " + grain + " does not inflate: " + error[0]);
    }
    // The last grain of a disk whose size is not a grain multiple inflates short; the rest is 0.
    lastInflated = new Inflated(sector, out);
    return out;
  }

  @Override
  public List<Extent> extents() {
    ExtentBuilder b = new ExtentBuilder();
    long grains = (header.capacitySectors + header.grainSectors - 1) / header.grainSectors;
    for (int i = 0; i < gd.length; i++) {
      int[] table = gt(i);
      if (table == null) {
        continue;
      }
      for (int j = 0; j < table.length; j++) {
        long grain = (long) i * header.gtEntries + j;
        if (grain >= grains) {
          break;
        }
        long s = Integer.toUnsignedLong(table[j]);
        if (s > 1) {
          b.add(grain * header.grainBytes(), header.grainBytes());
        }
      }
    }
    return b.build(size());
  }

  @Override
  public void close() {
    file.close();
  }
}
