package io.cloudimage.core.format.vhd;

import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The 512-byte VHD footer (a copy heads dynamic disks), checked by its cookie and checksum. */
final class VhdFooter {
  static final String FORMAT = "vhd";
  static final int FIXED = 2;
  static final int DYNAMIC = 3;
  static final int DIFFERENCING = 4;

  /** The largest CHS geometry: a disk this big is sized by current size, never by CHS. */
  static final long MAX_CHS_SECTORS = 65535L * 16 * 255;

  final long offset;
  final long dataOffset;
  final String creatorApp;
  final long currentSize;
  final int cylinders;
  final int heads;
  final int sectorsPerTrack;
  final int diskType;
  final int version;

  private VhdFooter(ImageFile f, long offset, ByteBuffer b) {
    this.offset = offset;
    version = b.getInt(12);
    dataOffset = b.getLong(16);
    byte[] app = new byte[4];
    b.get(28, app);
    creatorApp = new String(app, StandardCharsets.ISO_8859_1);
    currentSize = b.getLong(48);
    cylinders = Short.toUnsignedInt(b.getShort(56));
    heads = Byte.toUnsignedInt(b.get(58));
    sectorsPerTrack = Byte.toUnsignedInt(b.get(59));
    diskType = b.getInt(60);
    if (currentSize < 0) {
      throw f.corrupt(FORMAT, offset + 48, "current size " + currentSize + " is negative");
    }
  }

  /** Reads the footer at the end, or the copy at the start when the end's is damaged. */
  static VhdFooter read(ImageFile f) {
    if (f.size() < 512) {
      throw f.corrupt(FORMAT, 0, "the file has " + f.size() + " bytes, less than a footer");
    }
    long end = f.size() - 512;
    ByteBuffer b = f.read(FORMAT, end, 512, "the footer", ByteOrder.BIG_ENDIAN);
    String problem = check(b);
    if (problem == null) {
      return new VhdFooter(f, end, b);
    }
    ByteBuffer copy = f.read(FORMAT, 0, 512, "the footer copy", ByteOrder.BIG_ENDIAN);
    if (check(copy) == null && end > 0) {
      return new VhdFooter(f, 0, copy);
    }
    throw f.corrupt(FORMAT, end, "the footer " + problem);
  }

  private static @org.jspecify.annotations.Nullable String check(ByteBuffer b) {
    byte[] cookie = new byte[8];
    b.get(0, cookie);
    if (!"conectix".equals(new String(cookie, StandardCharsets.ISO_8859_1))) {
      return "cookie is not 'conectix'";
    }
    int stored = b.getInt(64);
    if (stored != checksum(b, 64)) {
      return "checksum 0x"
          + Integer.toHexString(stored)
          + " does not match its bytes (0x"
          + Integer.toHexString(checksum(b, 64))
          + ")";
    }
    return null;
  }

  /** One's complement of the byte sum, the checksum field counted as zero. */
  static int checksum(ByteBuffer b, int field) {
    int sum = 0;
    for (int i = 0; i < b.limit(); i++) {
      if (i >= field && i < field + 4) {
        continue;
      }
      sum += b.get(i) & 0xff;
    }
    return ~sum;
  }

  /**
   * The size the guest sees. Virtual PC and QEMU size a disk by its CHS geometry; Hyper-V,
   * Disk2vhd, XenServer and QEMU's {@code qem2} by the current-size field; a disk at the largest
   * geometry is always sized by current size. This is the rule qemu-img applies, so the two tools
   * agree.
   */
  long virtualSize() {
    long chs = (long) cylinders * heads * sectorsPerTrack;
    boolean byChs =
        !creatorApp.equals("win ")
            && !creatorApp.equals("qem2")
            && !creatorApp.equals("d2v ")
            && !creatorApp.equals("CTXS")
            && !creatorApp.equals("tap\0");
    if (!byChs || chs >= MAX_CHS_SECTORS) {
      return currentSize;
    }
    return chs * 512;
  }
}
