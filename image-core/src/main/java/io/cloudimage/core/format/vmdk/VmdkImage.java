package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.BackingResolver;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Opens and inspects VMDK images: a single sparse file (monolithicSparse, streamOptimized) or a
 * text descriptor whose extents name other files (monolithicFlat, twoGbMaxExtent*).
 */
public final class VmdkImage {
  private static final String FORMAT = SparseHeader.FORMAT;

  private VmdkImage() {}

  /**
   * Opens a VMDK; the disk owns {@code file}. Extent files are opened through {@code resolver}.
   *
   * @throws io.cloudimage.core.error.CorruptDataException when a header, table or descriptor is
   *     damaged
   * @throws InvalidInputException for delta links (a parent disk) and unsupported extent types
   */
  public static VirtualDisk open(ImageFile file, BackingResolver resolver) {
    if (isSparse(file)) {
      SparseHeader h = SparseHeader.read(file);
      checkNoParent(file, embedded(file, h));
      return new SparseExtent(file, h);
    }
    Descriptor d = Descriptor.read(file, 0, file.size());
    checkNoParent(file, d);
    try {
      return fromDescriptor(file, d, resolver);
    } finally {
      file.close();
    }
  }

  private static boolean isSparse(ImageFile file) {
    if (file.size() < 4) {
      return false;
    }
    return file.read(FORMAT, 0, 4, "the magic", ByteOrder.LITTLE_ENDIAN).getInt(0)
        == SparseHeader.MAGIC;
  }

  private static @Nullable Descriptor embedded(ImageFile file, SparseHeader h) {
    if (h.descriptorSector <= 0 || h.descriptorSectors <= 0) {
      return null;
    }
    long off = h.descriptorSector * 512;
    long len = h.descriptorSectors * 512;
    if (off > file.size() || len > file.size() - off || len > Descriptor.MAX_BYTES) {
      throw file.corrupt(
          FORMAT,
          h.offset + 28,
          "the embedded descriptor at sector "
              + h.descriptorSector
              + " lies past the end of the file");
    }
    return Descriptor.read(file, off, len);
  }

  private static void checkNoParent(ImageFile file, @Nullable Descriptor d) {
    if (d == null) {
      return;
    }
    String parent = d.settings.getOrDefault("parentCID", "ffffffff");
    if (!parent.equalsIgnoreCase("ffffffff")) {
      throw new InvalidInputException(
          file.path()
              + ": this VMDK is a delta link of '"
              + d.settings.getOrDefault("parentFileNameHint", "?")
              + "'; delta links are not supported, consolidate the snapshot first");
    }
  }

  private static VirtualDisk fromDescriptor(ImageFile file, Descriptor d, BackingResolver r) {
    if (d.extents.isEmpty()) {
      throw file.corrupt(FORMAT, 0, "the descriptor lists no extents");
    }
    List<@Nullable VirtualDisk> pieces = new ArrayList<>();
    List<Long> lengths = new ArrayList<>();
    try {
      for (Descriptor.ExtentLine e : d.extents) {
        lengths.add(e.sectors() * 512);
        switch (e.type()) {
          case "ZERO" -> pieces.add(null);
          case "FLAT", "VMFS" -> {
            ImageFile ef = r.openFile(name(file, e));
            pieces.add(new FlatExtent(ef, e.offsetSectors() * 512, e.sectors() * 512));
          }
          case "SPARSE" -> {
            ImageFile ef = r.openFile(name(file, e));
            try {
              pieces.add(new SparseExtent(ef, SparseHeader.read(ef)));
            } catch (RuntimeException ex) {
              ef.close();
              throw ex;
            }
          }
          default ->
              throw new InvalidInputException(
                  file.path()
                      + ": extent type "
                      + e.type()
                      + " is not supported (FLAT, SPARSE, ZERO and VMFS are)");
        }
      }
    } catch (RuntimeException ex) {
      for (VirtualDisk p : pieces) {
        if (p != null) {
          p.close();
        }
      }
      throw ex;
    }
    long total = 0;
    for (long l : lengths) {
      total += l;
      if (total < 0) {
        throw file.corrupt(FORMAT, 0, "the extents add up to more than 2^63 bytes");
      }
    }
    return new ConcatDisk(pieces, lengths);
  }

  private static String name(ImageFile file, Descriptor.ExtentLine e) {
    if (e.file() == null) {
      throw file.corrupt(FORMAT, 0, e.type() + " extent names no file");
    }
    return e.file();
  }

  /** Reads the header, descriptor and grain tables (not the data). */
  public static Inspection inspect(ImageFile file, BackingResolver resolver) {
    if (isSparse(file)) {
      SparseHeader h = SparseHeader.read(file);
      Descriptor d = embedded(file, h);
      SparseExtent disk = new SparseExtent(file, h);
      Inspection.Builder b =
          Inspection.builder(DiskFormat.VMDK, disk.size(), file.size())
              .subformat(
                  d == null
                      ? (h.compressed() ? "streamOptimized" : "monolithicSparse")
                      : d.createType())
              .clusterSize(h.grainBytes())
              .allocatedBytes(sum(disk.extents()))
              .version(String.valueOf(h.version))
              .compressed(h.compressed());
      if ((h.flags & SparseHeader.FLAG_ZEROED_GTE) != 0) {
        b.feature("zeroed-grain");
      }
      if ((h.flags & SparseHeader.FLAG_MARKERS) != 0) {
        b.feature("markers");
      }
      return b.build();
    }
    Descriptor d = Descriptor.read(file, 0, file.size());
    checkNoParent(file, d);
    try (VirtualDisk disk = fromDescriptor(file.slice(0, file.size()), d, resolver)) {
      Inspection.Builder b =
          Inspection.builder(DiskFormat.VMDK, disk.size(), file.size())
              .subformat(d.createType())
              .allocatedBytes(sum(disk.extents()))
              .version(d.settings.get("version"));
      if (disk instanceof ConcatDisk c && c.grainBytes() > 0) {
        b.clusterSize(c.grainBytes());
      }
      return b.build();
    }
  }

  private static long sum(List<Extent> extents) {
    long total = 0;
    for (Extent e : extents) {
      total += e.length();
    }
    return total;
  }
}
