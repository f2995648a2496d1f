package io.cloudimage.core.format.image;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.BackingFiles;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.AtomicOutput;
import io.cloudimage.core.format.internal.Chunks;
import io.cloudimage.core.format.internal.Detector;
import io.cloudimage.core.format.internal.ImageFile;
import io.cloudimage.core.format.internal.WindowDisk;
import io.cloudimage.core.format.ova.OvaImage;
import io.cloudimage.core.format.ova.OvaWriter;
import io.cloudimage.core.format.qcow2.Qcow2Image;
import io.cloudimage.core.format.qcow2.Qcow2Writer;
import io.cloudimage.core.format.vhd.VhdImage;
import io.cloudimage.core.format.vhd.VhdWriter;
import io.cloudimage.core.format.vhdx.VhdxImage;
import io.cloudimage.core.format.vmdk.StreamVmdkWriter;
import io.cloudimage.core.format.vmdk.VmdkImage;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>Writing goes to a temporary file beside the target, renamed into place when complete: a failed
 * write leaves nothing under the target's name.
 */
public final class DiskImages {
  private DiskImages() {}

  /**
   * Opens an image with backing and extent files confined to its folder ({@link
   * BackingFiles#CONFINED}).
   *
   * @throws InvalidInputException when the file is missing, unreadable or of an unsupported variant
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
    return switch (Detector.detect(f)) {
      case RAW -> new WindowDisk(f);
      case QCOW2 -> Qcow2Image.open(f, chain);
      case VMDK -> VmdkImage.open(f, chain);
      case VHD -> VhdImage.open(f);
      case VHDX -> VhdxImage.open(f);
      case OVA -> OvaImage.open(f, member -> openMember(member, chain));
    };
  }

  private static VirtualDisk openMember(ImageFile member, ReferenceChain chain) {
    DiskFormat format = Detector.detect(member);
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
    return switch (Detector.detect(f)) {
      case RAW -> Inspection.builder(DiskFormat.RAW, f.size(), f.size()).build();
      case QCOW2 -> Qcow2Image.inspect(f);
      case VMDK -> VmdkImage.inspect(f, chain);
      case VHD -> VhdImage.inspect(f);
      case VHDX -> VhdxImage.inspect(f);
      case OVA -> OvaImage.inspect(f, member -> inspectMember(member, chain));
    };
  }

  private static Inspection inspectMember(ImageFile member, ReferenceChain chain) {
    if (Detector.detect(member) == DiskFormat.OVA) {
      throw member.corrupt("ova", 0, "a disk member is itself an OVA; nested packages are refused");
    }
    return inspect(member, chain);
  }

  /**
   * Converts an image file into another format.
   *
   * @param subformat for vhd {@code fixed} or {@code dynamic} (the default); for vmdk {@code
   *     streamOptimized} (the default and only one written); otherwise {@code null}
   * @throws InvalidInputException when the target is the source, the format cannot be written
   *     (vhdx), or the source cannot be read
   */
  public static void convert(
      Path source, Path target, DiskFormat format, @Nullable String subformat) {
    try (VirtualDisk disk = open(source)) {
      write(disk, target, format, subformat, source);
    }
  }

  /**
   * Writes a disk as an image file in {@code format}: raw, qcow2 (version 3, 64 KiB clusters, no
   * backing file), vmdk (streamOptimized), vhd (fixed or dynamic) or ova (an OVF descriptor, the
   * disk as a streamOptimized VMDK and a SHA-256 manifest).
   *
   * @param inputs files the disk is read from, which the target may not be
   * @throws InvalidInputException as {@link #convert}
   */
  public static void write(
      VirtualDisk disk,
      Path target,
      DiskFormat format,
      @Nullable String subformat,
      Path... inputs) {
    write(disk, target, format, subformat, p -> {}, Cancellation.never(), inputs);
  }

  /**
   * As {@link #write(VirtualDisk, Path, DiskFormat, String, Path...)}, reporting progress over the
   * disk's allocated bytes and stopping (leaving no output) when {@code cancel} fires.
   *
   * @throws io.cloudimage.core.error.CancelledException when cancelled
   */
  public static void write(
      VirtualDisk source,
      Path target,
      DiskFormat format,
      @Nullable String subformat,
      ProgressListener listener,
      Cancellation cancel,
      Path... inputs) {
    ObservedDisk disk =
        new ObservedDisk(
            source, "write " + format.id() + " " + target.getFileName(), listener, cancel);
    String variant = subformat == null ? "" : subformat.toLowerCase(Locale.ROOT);
    boolean vhdFixed =
        switch (format) {
          case VHD ->
              switch (variant) {
                case "", "dynamic" -> false;
                case "fixed" -> true;
                default ->
                    throw new InvalidInputException(
                        "vhd subformat '" + subformat + "' is unknown; use fixed or dynamic");
              };
          case VMDK -> {
            if (!variant.isEmpty() && !variant.equals("streamoptimized")) {
              throw new InvalidInputException(
                  "vmdk subformat '"
                      + subformat
                      + "' cannot be written; cloudimage writes streamOptimized");
            }
            yield false;
          }
          case VHDX ->
              throw new InvalidInputException(
                  "writing vhdx is not supported; write vhd, qcow2, vmdk or raw instead");
          default -> {
            if (!variant.isEmpty()) {
              throw new InvalidInputException(
                  format.id() + " has no subformat '" + subformat + "'");
            }
            yield false;
          }
        };
    try (AtomicOutput out = AtomicOutput.create(target, inputs)) {
      switch (format) {
        case RAW -> writeRaw(disk, out);
        case QCOW2 -> Qcow2Writer.write(disk, out);
        case VMDK -> StreamVmdkWriter.write(disk, out, String.valueOf(target.getFileName()));
        case VHD -> {
          if (vhdFixed) {
            VhdWriter.writeFixed(disk, out);
          } else {
            VhdWriter.writeDynamic(disk, out);
          }
        }
        case OVA -> {
          String name = String.valueOf(target.getFileName()).replaceFirst("(?i)\\.ova$", "");
          Path scratch = target.toAbsolutePath().resolveSibling("." + name + "-disk1.vmdk.tmp");
          OvaWriter.write(disk, out, name, scratch);
        }
        case VHDX -> throw new IllegalStateException("refused above");
      }
      cancel.throwIfCancelled("write " + target);
      out.commit();
      disk.finished();
    }
  }

  private static void writeRaw(VirtualDisk disk, AtomicOutput out) {
    int unit = 1 << 20;
    Chunks.forEachNonZero(
        disk,
        unit,
        (i, data) -> {
          int n = (int) Math.min(unit, disk.size() - i * unit);
          out.write(i * unit, ByteBuffer.wrap(data, 0, n));
        });
    try {
      // A trailing hole still counts toward the size: extend the file without writing it.
      if (out.channel().size() < disk.size()) {
        out.channel().truncate(disk.size());
        if (out.channel().size() < disk.size()) {
          out.write(disk.size() - 1, ByteBuffer.allocate(1));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
