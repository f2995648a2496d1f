package io.cloudimage.core.format.vhd;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ImageFile;
import io.cloudimage.core.format.internal.WindowDisk;
import java.nio.ByteBuffer;
import java.util.List;

/** Opens and inspects VHD images, fixed and dynamic. */
public final class VhdImage {
  private VhdImage() {}

  /**
   * Opens a VHD; the disk owns {@code file}.
   *
   * @throws io.cloudimage.core.error.CorruptDataException when the footer or tables are damaged
   * @throws InvalidInputException for a differencing disk
   */
  public static VirtualDisk open(ImageFile file) {
    VhdFooter footer = VhdFooter.read(file);
    return switch (footer.diskType) {
      case VhdFooter.FIXED -> fixed(file, footer);
      case VhdFooter.DYNAMIC -> new VhdDynamicDisk(file, footer);
      case VhdFooter.DIFFERENCING ->
          throw new InvalidInputException(
              file.path()
                  + ": differencing VHD disks are not supported; merge it into its parent first");
      default ->
          throw file.corrupt(
              VhdFooter.FORMAT,
              footer.offset + 60,
              "disk type "
                  + footer.diskType
                  + " is not 2 (fixed), 3 (dynamic) or 4 (differencing)");
    };
  }

  private static VirtualDisk fixed(ImageFile file, VhdFooter footer) {
    long size = footer.virtualSize();
    if (size > file.size() - 512) {
      throw file.corrupt(
          VhdFooter.FORMAT,
          footer.offset + 48,
          "the virtual size "
              + size
              + " is beyond the "
              + (file.size() - 512)
              + " data bytes of this fixed disk");
    }
    return new FixedDisk(new WindowDisk(file.slice(0, size)), file);
  }

  /** Reads the footer and, for a dynamic disk, its header and BAT. */
  public static Inspection inspect(ImageFile file) {
    VhdFooter footer = VhdFooter.read(file);
    Inspection.Builder b =
        Inspection.builder(DiskFormat.VHD, footer.virtualSize(), file.size())
            .version((footer.version >>> 16) + "." + (footer.version & 0xffff));
    switch (footer.diskType) {
      case VhdFooter.FIXED -> {
        b.subformat("fixed").allocatedBytes(footer.virtualSize());
        fixed(file, footer);
      }
      case VhdFooter.DYNAMIC -> {
        VhdDynamicDisk d = new VhdDynamicDisk(file, footer);
        long total = 0;
        for (Extent e : d.extents()) {
          total += e.length();
        }
        b.subformat("dynamic").clusterSize(d.blockBytes()).allocatedBytes(total);
      }
      case VhdFooter.DIFFERENCING -> b.subformat("differencing");
      default ->
          throw file.corrupt(
              VhdFooter.FORMAT,
              footer.offset + 60,
              "disk type "
                  + footer.diskType
                  + " is not 2 (fixed), 3 (dynamic) or 4 (differencing)");
    }
    return b.build();
  }

  /** A fixed disk: the file's first bytes, closing the whole file when closed. */
  private static final class FixedDisk implements VirtualDisk {
    private final WindowDisk data;
    private final ImageFile file;

    FixedDisk(WindowDisk data, ImageFile file) {
      this.data = data;
      this.file = file;
    }

    @Override
    public DiskFormat format() {
      return DiskFormat.VHD;
    }

    @Override
    public long size() {
      return data.size();
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
      return data.read(offset, dst);
    }

    @Override
    public List<Extent> extents() {
      return data.extents();
    }

    @Override
    public void close() {
      file.close();
    }
  }
}
