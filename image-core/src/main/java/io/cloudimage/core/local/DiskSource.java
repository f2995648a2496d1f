package io.cloudimage.core.local;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a file offered for import: it must hold at least its format's headers. */
final class DiskSource {
  private DiskSource() {}

  /**
   * The smallest file of each format that can be a disk: qcow2's version 2 header (72 bytes), a
   * sparse VMDK's or VHD's 512-byte header or footer, VHDX's 1 MiB header region, an OVA's tar
   * header and one data block; a raw disk needs one byte.
   */
  static long minimumSize(DiskFormat format) {
    return switch (format) {
      case RAW -> 1;
      case QCOW2 -> 72;
      case VMDK, VHD -> 512;
      case VHDX -> 1 << 20;
      case OVA -> 1024;
    };
  }

  /**
   * Detects the format and checks the size.
   *
   * @throws InvalidInputException naming the file when it is empty or too short for its format
   */
  static DiskFormat check(Path source) {
    DiskFormat format = DiskFormat.detect(source);
    long size;
    try {
      size = Files.size(source);
    } catch (IOException e) {
      throw new InvalidInputException(source + " cannot be read: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new InvalidInputException(source + " is empty (0 bytes); a disk image holds data");
    }
    long min = minimumSize(format);
    if (size < min) {
      throw new InvalidInputException(
          source
              + " is too short for its format: it starts like "
              + format.id()
              + " but has "
              + size
              + " bytes, and a "
              + format.id()
              + " disk needs at least "
              + min);
    }
    return format;
  }
}
