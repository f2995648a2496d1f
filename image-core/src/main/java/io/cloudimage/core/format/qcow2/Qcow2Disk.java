package io.cloudimage.core.format.qcow2;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.BlockDisk;
import io.cloudimage.core.format.internal.ExtentBuilder;
import io.cloudimage.core.format.internal.ImageFile;
import io.cloudimage.core.format.internal.Inflate;
import io.cloudimage.core.format.internal.TableCache;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.List;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;
import org.jspecify.annotations.Nullable;

/** A qcow2 image read through its L1 and L2 tables, falling back to its backing disk. */
final class Qcow2Disk extends BlockDisk {
  private static final String FORMAT = Qcow2Header.FORMAT;
  private static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
  private static final long COMPRESSED = 1L << 62;
  private static final long ZERO = 1L;

  private final ImageFile file;
  private final Qcow2Header header;
  private final long[] l1;
  private final @Nullable VirtualDisk backing;
  private final TableCache<long[]> l2Cache = new TableCache<>(64);
  private final int l2Bits;

  /** The last cluster inflated, for reads smaller than a cluster; replaced whole, never mutated. */
  private volatile @Nullable Inflated lastInflated;

  private record Inflated(long entry, byte[] data) {}

  private volatile boolean sawCompressed;

  Qcow2Disk(ImageFile file, Qcow2Header header, @Nullable VirtualDisk backing) {
    this.file = file;
    this.header = header;
    this.backing = backing;
    this.l2Bits = header.clusterBits - 3;
    this.l1 = new long[header.l1Size];
    if (header.l1Size > 0) {
      ByteBuffer b =
          file.read(
              FORMAT, header.l1Offset, header.l1Size * 8, "the L1 table", ByteOrder.BIG_ENDIAN);
      b.asLongBuffer().get(l1);
    }
    if (header.cryptMethod != 0) {
      throw new InvalidInputException(
          file.path()
              + ": qcow2 image is encrypted (method "
              + header.cryptMethod
              + "); decrypt it with qemu-img convert before reading it");
    }
    if ((header.incompatible & Qcow2Header.INCOMPAT_DATA_FILE) != 0) {
      throw new InvalidInputException(
          file.path()
              + ": qcow2 image keeps its data in an external data file, which is not supported");
    }
    if ((header.incompatible & Qcow2Header.INCOMPAT_EXTL2) != 0) {
      throw new InvalidInputException(
          file.path()
              + ": qcow2 image uses extended L2 entries (subclusters), which are not supported;"
              + " convert it with qemu-img convert -O qcow2 first");
    }
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.QCOW2;
  }

  @Override
  public long size() {
    return header.size;
  }

  @Override
  protected long blockSize() {
    return header.clusterSize;
  }

  /** The L2 table for an L1 index, or {@code null} when unallocated. */
  private long @Nullable [] l2(int l1Index) {
    long entry = l1[l1Index];
    long offset = entry & OFFSET_MASK;
    if (offset == 0) {
      return null;
    }
    checkMetadata(offset, header.l1Offset + (long) l1Index * 8, "L2 table");
    return l2Cache.get(offset, this::loadL2);
  }

  private long[] loadL2(long offset) {
    long[] table = new long[(int) (header.clusterSize / 8)];
    ByteBuffer b =
        file.read(FORMAT, offset, (int) header.clusterSize, "an L2 table", ByteOrder.BIG_ENDIAN);
    LongBuffer lb = b.asLongBuffer();
    lb.get(table);
    return table;
  }

  /** Refuses a cluster that is misaligned, past the end, or on the header, L1 or refcount table. */
  private void checkMetadata(long offset, long where, String what) {
    long cs = header.clusterSize;
    if ((offset & (cs - 1)) != 0) {
      throw file.corrupt(FORMAT, where, what + " offset " + offset + " is not cluster-aligned");
    }
    if (offset > file.size() - cs) {
      throw file.corrupt(
          FORMAT,
          where,
          what + " at " + offset + " lies past the end of the file (" + file.size() + " bytes)");
    }
    if (offset < cs) {
      throw file.corrupt(FORMAT, where, what + " at " + offset + " overlaps the header");
    }
    if (overlaps(offset, cs, header.l1Offset, (long) header.l1Size * 8)) {
      throw file.corrupt(FORMAT, where, what + " at " + offset + " overlaps the L1 table");
    }
    if (overlaps(offset, cs, header.refcountTableOffset, header.refcountTableClusters * cs)) {
      throw file.corrupt(FORMAT, where, what + " at " + offset + " overlaps the refcount table");
    }
  }

  private static boolean overlaps(long a, long alen, long b, long blen) {
    return blen > 0 && a < b + blen && b < a + alen;
  }

  @Override
  protected void readBlock(long offset, ByteBuffer dst) {
    long cluster = offset >>> header.clusterBits;
    int inCluster = (int) (offset & (header.clusterSize - 1));
    int l1Index = (int) (cluster >>> l2Bits);
    long[] table = l2(l1Index);
    if (table == null) {
      fromBacking(offset, dst);
      return;
    }
    int l2Index = (int) (cluster & ((1L << l2Bits) - 1));
    long entry = table[l2Index];
    long where = (l1[l1Index] & OFFSET_MASK) + l2Index * 8L;
    if ((entry & COMPRESSED) != 0) {
      byte[] data = compressedCluster(entry, where);
      dst.put(data, inCluster, dst.remaining());
      return;
    }
    if (header.version >= 3 && (entry & ZERO) != 0) {
      zero(dst);
      return;
    }
    long host = entry & OFFSET_MASK;
    if (host == 0) {
      fromBacking(offset, dst);
      return;
    }
    checkMetadata(host, where, "data cluster");
    if (host == (l1[l1Index] & OFFSET_MASK)) {
      throw file.corrupt(FORMAT, where, "the L2 table at " + host + " maps itself as data");
    }
    file.readFully(FORMAT, host + inCluster, dst.duplicate(), "a data cluster");
    dst.position(dst.limit());
  }

  private void fromBacking(long offset, ByteBuffer dst) {
    if (backing == null || offset >= backing.size()) {
      zero(dst);
      return;
    }
    int want = dst.remaining();
    ByteBuffer view = dst.duplicate();
    int n = backing.read(offset, view);
    dst.position(dst.position() + Math.max(n, 0));
    // A backing file smaller than the image reads as zeros beyond its end.
    zero(dst);
    if (n > want) {
      throw new IllegalStateException("backing read overran");
    }
  }

  private byte[] compressedCluster(long entry, long where) {
    Inflated last = lastInflated;
    if (last != null && last.entry() == entry) {
      return last.data();
    }
    int x = 62 - (header.clusterBits - 8);
    long host = entry & ((1L << x) - 1);
    long sectors = ((entry >>> x) & ((1L << (header.clusterBits - 8)) - 1)) + 1;
    long length = sectors * 512 - (host & 511);
    if (host < header.clusterSize || host >= file.size()) {
      throw file.corrupt(
          FORMAT, where, "compressed cluster at " + host + " lies outside the file's data area");
    }
    // The sector count is an upper bound: the last compressed cluster may stop at the file's end.
    int n = (int) Math.min(length, file.size() - host);
    ByteBuffer in = file.read(FORMAT, host, n, "a compressed cluster", ByteOrder.BIG_ENDIAN);
    byte[] out = new byte[(int) header.clusterSize];
    if (header.compressionType == 1) {
      inflateZstd(in.array(), n, out, host);
    } else {
      String[] error = new String[1];
      int got = Inflate.inflate(in.array(), n, out, false, error);
      if (got != out.length) {
        throw file.corrupt(
            FORMAT,
            host,
            "compressed cluster does not inflate to "
                + out.length
                + " bytes"
                + (got < 0 ? ": " + error[0] : " (got " + got + ")"));
      }
    }
    lastInflated = new Inflated(entry, out);
    return out;
  }

  private void inflateZstd(byte[] in, int n, byte[] out, long host) {
    if (!ZstdUtils.isZstdCompressionAvailable()) {
      throw new InvalidInputException(
          file.path()
              + ": qcow2 image has zstd-compressed clusters"
              + " and zstd-jni is not on the class path; add com.github.luben:zstd-jni or convert"
              + " the image with qemu-img convert -O qcow2 -o compression_type=zlib");
    }
    try (InputStream z = new ZstdCompressorInputStream(new ByteArrayInputStream(in, 0, n))) {
      int total = 0;
      while (total < out.length) {
        int r = z.read(out, total, out.length - total);
        if (r < 0) {
          break;
        }
        total += r;
      }
      if (total != out.length) {
        throw file.corrupt(FORMAT, host, "zstd cluster inflates to " + total + " bytes");
      }
    } catch (IOException e) {
      throw file.corrupt(FORMAT, host, "zstd cluster does not decompress: " + e.getMessage());
    }
  }

  /** Bytes of the virtual disk this file stores itself: data, compressed or zero clusters. */
  long allocatedBytes() {
    long total = 0;
    for (Extent e : ownExtents()) {
      total += e.length();
    }
    return total;
  }

  private List<Extent> ownExtents() {
    ExtentBuilder b = new ExtentBuilder();
    long cs = header.clusterSize;
    long entries = cs / 8;
    long clusters = (header.size + cs - 1) / cs;
    for (int i = 0; i < l1.length && (long) i * entries < clusters; i++) {
      long[] table = l2(i);
      if (table == null) {
        continue;
      }
      for (int j = 0; j < table.length; j++) {
        long cluster = (long) i * entries + j;
        if (cluster >= clusters) {
          break;
        }
        long e = table[j];
        boolean data =
            (e & COMPRESSED) != 0
                || ((e & OFFSET_MASK) != 0 && !(header.version >= 3 && (e & ZERO) != 0));
        if ((e & COMPRESSED) != 0) {
          sawCompressed = true;
        }
        if (data) {
          b.add(cluster * cs, cs);
        }
      }
    }
    return b.build(header.size);
  }

  /** Whether {@link #allocatedBytes()} met a compressed cluster. */
  boolean sawCompressed() {
    return sawCompressed;
  }

  @Override
  public List<Extent> extents() {
    List<Extent> own = ownExtents();
    if (backing == null) {
      return own;
    }
    return ExtentBuilder.union(own, backing.extents(), header.size);
  }

  @Override
  public void close() {
    try {
      file.close();
    } finally {
      if (backing != null) {
        backing.close();
      }
    }
  }
}
