package io.cloudimage.core.format;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.internal.ImageFile;
import io.cloudimage.core.format.internal.WindowDisk;
import io.cloudimage.core.format.ova.OvaImage;
import io.cloudimage.core.format.qcow2.Qcow2Image;
import io.cloudimage.core.format.vhd.VhdImage;
import io.cloudimage.core.format.vhdx.VhdxImage;
import io.cloudimage.core.format.vmdk.VmdkImage;
import java.nio.file.Path;

/**
 * The entry point for disk-image files: opens any supported format as a {@link VirtualDisk} and
 * inspects its headers, the format always detected from the bytes.
 *
 * <pre>{@code
 * try (VirtualDisk disk = DiskImages.open(Path.of("ubuntu.qcow2"))) {
 *   for (Extent e : disk.extents()) { ... disk.read(e.offset(), buffer) ... }
 * }
 * Inspection info = DiskImages.inspect(Path.of("export.vmdk"));
 * }</pre>
 *
 * <p>Files compressed whole with gzip, xz or zstd are recognised by their magic bytes; since the
 * formats need random access, such a file is first decompressed into a temporary file (sparse,
 * deleted when the disk is closed or the inspection done).
 */
public final class DiskImages {
  private DiskImages() {}

  /**
   * Opens an image with backing and extent files confined to its folder ({@link
   * BackingFiles#CONFINED}).
   *
   * @throws InvalidInputException when the file is missing, unreadable or of an unsupported
   *     variant
   * @throws io.cloudimage.core.error.CorruptDataException when its headers or tables are damaged,
   *     naming the format and the offset
   */
  public static VirtualDisk open(Path file) {
    return open(file, BackingFiles.CONFINED);
  }

  /**
   * Opens an image, following backing and extent files as {@code policy} allows.
   *
   * @throws InvalidInputException as {@link #open(Path)}, and when a reference breaks the policy
   */
  public static VirtualDisk open(Path file, BackingFiles policy) {
    return open(file, ReferenceChain.start(file, policy));
  }

  static VirtualDisk open(Path file, ReferenceChain chain) {
    Compression c = Compression.detect(file);
    if (c != Compression.NONE) {
      return c.open(file, temp -> openPlain(temp, chain));
    }
    return openPlain(file, chain);
  }

  private static VirtualDisk openPlain(Path file, ReferenceChain chain) {
    ImageFile f = ImageFile.open(file);
    try {
      return open(f, chain);
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  private static VirtualDisk open(ImageFile f, ReferenceChain chain) {
    return switch (DiskFormat.detect(f)) {
      case RAW -> new WindowDisk(f);
      case QCOW2 -> Qcow2Image.open(f, chain);
      case VMDK -> VmdkImage.open(f, chain);
      case VHD -> VhdImage.open(f);
      case VHDX -> VhdxImage.open(f);
      case OVA -> OvaImage.open(f, member -> openMember(member, chain));
    };
  }

  private static VirtualDisk openMember(ImageFile member, ReferenceChain chain) {
    DiskFormat format = DiskFormat.detect(member);
    if (format == DiskFormat.OVA) {
      throw member.corrupt("ova", 0, "a disk member is itself an OVA; nested packages are refused");
    }
    return open(member, chain);
  }

  /**
   * Reads the headers and tables of an image (never its data) and says what they state.
   *
   * @throws InvalidInputException as {@link #open(Path)}
   */
  public static Inspection inspect(Path file) {
    Compression c = Compression.detect(file);
    if (c != Compression.NONE) {
      return c.inspect(file, temp -> inspectPlain(temp, file));
    }
    return inspectPlain(file, file);
  }

  private static Inspection inspectPlain(Path file, Path original) {
    ReferenceChain chain = ReferenceChain.start(original, BackingFiles.CONFINED);
    try (ImageFile f = ImageFile.open(file)) {
      return inspect(f, chain);
    }
  }

  private static Inspection inspect(ImageFile f, ReferenceChain chain) {
    return switch (DiskFormat.detect(f)) {
      case RAW -> Inspection.builder(DiskFormat.RAW, f.size(), f.size()).build();
      case QCOW2 -> Qcow2Image.inspect(f);
      case VMDK -> VmdkImage.inspect(f, chain);
      case VHD -> VhdImage.inspect(f);
      case VHDX -> VhdxImage.inspect(f);
      case OVA -> OvaImage.inspect(f, member -> inspectMember(member, chain));
    };
  }

  private static Inspection inspectMember(ImageFile member, ReferenceChain chain) {
    if (DiskFormat.detect(member) == DiskFormat.OVA) {
      throw member.corrupt("ova", 0, "a disk member is itself an OVA; nested packages are refused");
    }
    return inspect(member, chain);
  }
}
