package io.cloudimage.core.format.vhd;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.AtomicOutput;
import io.cloudimage.core.format.internal.Chunks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes a disk as a fixed or dynamic VHD. The size is rounded up to the next size that the CHS
 * geometry can state exactly, so that readers going by geometry (Virtual PC, QEMU) and readers
 * going by the current-size field (Hyper-V, Azure) see the same disk; the added tail reads as
 * zeros.
 */
public final class VhdWriter {
  static final int BLOCK = 2 * 1024 * 1024;
  static final long MAX_SIZE = 2040L << 30;
  private static final long VHD_EPOCH = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

  private VhdWriter() {}

  /** The size a VHD of a disk of {@code size} bytes has. */
  public static long vhdSize(long size) {
    long needed = (size + 511) / 512;
    long sectors = needed;
    for (int i = 0; i < 64; i++) {
      int[] g = geometry(sectors);
      long chs = (long) g[0] * g[1] * g[2];
      if (chs >= needed) {
        return chs * 512;
      }
      if (g[0] == 65535 && g[1] == 16 && g[2] == 255) {
        return needed * 512; // beyond CHS: readers use the current-size field
      }
      sectors = (long) (g[0] + 1) * g[1] * g[2];
    }
    return needed * 512;
  }

  /** Cylinders, heads, sectors per track for a sector count (the VHD specification's method). */
  static int[] geometry(long totalSectors) {
    long total = Math.min(totalSectors, VhdFooter.MAX_CHS_SECTORS);
    long spt;
    long heads;
    long cth;
    if (total >= 65535L * 16 * 63) {
      spt = 255;
      heads = 16;
      cth = total / spt;
    } else {
      spt = 17;
      cth = total / spt;
      heads = Math.max(4, (cth + 1023) / 1024);
      if (cth >= heads * 1024 || heads > 16) {
        spt = 31;
        heads = 16;
        cth = total / spt;
      }
      if (cth >= heads * 1024) {
        spt = 63;
        heads = 16;
        cth = total / spt;
      }
    }
    return new int[] {(int) Math.min(65535, cth / heads), (int) heads, (int) spt};
  }

  /** Writes {@code disk} as a fixed VHD (the raw disk and a footer) to {@code out}. */
  public static void writeFixed(VirtualDisk disk, AtomicOutput out) {
    write(disk, out, true);
  }

  /**
   * Writes {@code disk} as a dynamic VHD (a block allocation table; holes take no space) to {@code
   * out}.
   */
  public static void writeDynamic(VirtualDisk disk, AtomicOutput out) {
    write(disk, out, false);
  }

  private static void write(VirtualDisk disk, AtomicOutput out, boolean fixed) {
    long size = vhdSize(disk.size());
    if (size > MAX_SIZE) {
      throw new InvalidInputException(
          "a VHD holds at most 2040 GiB; this disk has "
              + disk.size()
              + " bytes: write vhdx, qcow2 or vmdk instead");
    }
    byte[] footer = footer(size, fixed);
    if (fixed) {
      Chunks.forEachNonZero(
          disk,
          BLOCK,
          (i, data) -> {
            int n = (int) Math.min(BLOCK, disk.size() - i * BLOCK);
            out.write(i * BLOCK, ByteBuffer.wrap(data, 0, n));
          });
      out.write(size, ByteBuffer.wrap(footer));
      return;
    }
    long blocks = (size + BLOCK - 1) / BLOCK;
    long tableBytes = (blocks * 4 + 511) / 512 * 512;
    long tableOffset = 512 + 1024;
    int[] bat = new int[(int) blocks];
    Arrays.fill(bat, -1);
    byte[] bitmap = new byte[512];
    Arrays.fill(bitmap, (byte) 0xff);
    long[] next = {tableOffset + tableBytes};
    Chunks.forEachNonZero(
        disk,
        BLOCK,
        (i, data) -> {
          bat[(int) i] = (int) (next[0] / 512);
          out.write(next[0], ByteBuffer.wrap(bitmap));
          out.write(next[0] + 512, ByteBuffer.wrap(data));
          next[0] += 512 + BLOCK;
        });
    ByteBuffer table = ByteBuffer.allocate((int) tableBytes);
    Arrays.fill(table.array(), (byte) 0xff);
    for (int b : bat) {
      table.putInt(b);
    }
    table.clear();
    out.write(tableOffset, table);
    out.write(512, ByteBuffer.wrap(dynamicHeader(tableOffset, blocks)));
    out.write(0, ByteBuffer.wrap(footer));
    out.write(next[0], ByteBuffer.wrap(footer));
  }

  private static byte[] footer(long size, boolean fixed) {
    ByteBuffer b = ByteBuffer.allocate(512);
    b.put("conectix".getBytes(StandardCharsets.US_ASCII));
    b.putInt(2); // features: the reserved bit the specification requires
    b.putInt(0x00010000);
    b.putLong(fixed ? -1L : 512);
    b.putInt((int) (Instant.now().getEpochSecond() - VHD_EPOCH));
    b.put("cimg".getBytes(StandardCharsets.US_ASCII));
    b.putInt(0x00010000);
    b.put("Wi2k".getBytes(StandardCharsets.US_ASCII));
    b.putLong(size);
    b.putLong(size);
    int[] g = geometry(size / 512);
    b.putShort((short) g[0]).put((byte) g[1]).put((byte) g[2]);
    b.putInt(fixed ? VhdFooter.FIXED : VhdFooter.DYNAMIC);
    b.putInt(0);
    UUID id = UUID.randomUUID();
    b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    b.putInt(64, VhdFooter.checksum(b, 64));
    return b.array();
  }

  private static byte[] dynamicHeader(long tableOffset, long blocks) {
    ByteBuffer b = ByteBuffer.allocate(1024);
    b.put("cxsparse".getBytes(StandardCharsets.US_ASCII));
    b.putLong(-1L);
    b.putLong(tableOffset);
    b.putInt(0x00010000);
    b.putInt((int) blocks);
    b.putInt(BLOCK);
    b.putInt(36, VhdFooter.checksum(b, 36));
    return b.array();
  }
}
