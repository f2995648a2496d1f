package io.cloudimage.core.format.qcow2;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.BackingResolver;
import io.cloudimage.core.format.internal.ImageFile;

/** Opens and inspects qcow2 images. */
public final class Qcow2Image {
  private Qcow2Image() {}

  /**
   * Opens a qcow2 image, its backing file through {@code resolver}; the disk owns {@code file}.
   *
   * @throws io.cloudimage.core.error.CorruptDataException when the header or tables are damaged
   */
  public static VirtualDisk open(ImageFile file, BackingResolver resolver) {
    Qcow2Header h = Qcow2Header.read(file);
    VirtualDisk backing = null;
    if (h.backingFile != null) {
      backing = resolver.openBacking(h.backingFile, h.backingFormat());
    }
    try {
      return new Qcow2Disk(file, h, backing);
    } catch (RuntimeException e) {
      if (backing != null) {
        backing.close();
      }
      throw e;
    }
  }

  /** Reads the header and the tables (not the data). */
  public static Inspection inspect(ImageFile file) {
    Qcow2Header h = Qcow2Header.read(file);
    Inspection.Builder b =
        Inspection.builder(DiskFormat.QCOW2, h.size, file.size())
            .clusterSize(h.clusterSize)
            .backingFile(h.backingFile)
            .version(h.version == 2 ? "0.10" : "1.1")
            .encrypted(h.cryptMethod != 0);
    h.features().forEach(b::feature);
    if (h.cryptMethod == 0
        && (h.incompatible & (Qcow2Header.INCOMPAT_DATA_FILE | Qcow2Header.INCOMPAT_EXTL2)) == 0) {
      Qcow2Disk disk = new Qcow2Disk(file, h, null);
      b.allocatedBytes(disk.allocatedBytes());
      b.compressed(disk.sawCompressed());
    }
    return b.build();
  }
}
