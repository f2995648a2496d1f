package io.cloudimage.core.format.vhdx;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ImageFile;

/** Opens and inspects VHDX images (fixed and dynamic; differencing disks are refused). */
public final class VhdxImage {
  private VhdxImage() {}

  /**
   * Opens a VHDX; the disk owns {@code file}.
   *
   * @throws io.cloudimage.core.error.CorruptDataException when headers, regions or metadata are
   *     damaged
   * @throws InvalidInputException for differencing disks and logs that need replaying
   */
  public static VirtualDisk open(ImageFile file) {
    VhdxLayout layout = new VhdxLayout(file);
    if (layout.hasParent) {
      throw new InvalidInputException(
          file.path()
              + ": differencing VHDX disks are not supported; merge it into its parent first");
    }
    return new VhdxDisk(file, layout);
  }

  /** Reads the headers, metadata and BAT (not the data). */
  public static Inspection inspect(ImageFile file) {
    VhdxLayout layout = new VhdxLayout(file);
    Inspection.Builder b =
        Inspection.builder(DiskFormat.VHDX, layout.virtualSize, file.size())
            .clusterSize(layout.blockSize)
            .version(String.valueOf(layout.version))
            .subformat(
                layout.hasParent ? "differencing" : layout.leaveAllocated ? "fixed" : "dynamic");
    if (!layout.hasParent) {
      long total = 0;
      for (Extent e : new VhdxDisk(file, layout).extents()) {
        total += e.length();
      }
      b.allocatedBytes(total);
    }
    return b.build();
  }
}
