package io.cloudimage.core.format;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** A disk-image container format, recognised by its magic bytes. */
public enum DiskFormat {
  RAW,
  QCOW2,
  VMDK,
  VHD,
  VHDX,
  OVA;

  /** The lower-case name used in JSON, file extensions and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Detects a file's format from its bytes: the qcow2 magic {@code QFI\xfb}, the VMDK sparse magic
   * {@code KDMV} or a VMDK descriptor, the VHDX signature {@code vhdxfile}, the VHD footer cookie
   * {@code conectix} (first or last 512 bytes), a tar archive holding an {@code .ovf} descriptor
   * (OVA); anything else is raw.
   *
   * @throws InvalidInputException when the file is missing or unreadable, naming it
   */
  public static DiskFormat detect(Path file) {
    try (ImageFile f = ImageFile.open(file)) {
      return detect(f);
    }
  }

  /** Detects the format of a file or of an archive member read in place. */
  static DiskFormat detect(ImageFile f) {
    long size = f.size();
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1024));
    int n = f.readSome(0, head);
    byte[] h = head.array();
    if (startsWith(h, n, 0, new byte[] {'Q', 'F', 'I', (byte) 0xfb})) {
      return QCOW2;
    }
    if (startsWith(h, n, 0, ascii("KDMV")) || startsWith(h, n, 0, ascii("# Disk DescriptorFile"))) {
      return VMDK;
    }
    if (startsWith(h, n, 0, ascii("vhdxfile"))) {
      return VHDX;
    }
    if (startsWith(h, n, 0, ascii("conectix"))) {
      return VHD;
    }
    if (n >= 512 && startsWith(h, n, 257, ascii("ustar"))) {
      String name = new String(h, 0, 100, StandardCharsets.US_ASCII).trim();
      int nul = name.indexOf('\0');
      if (nul >= 0) {
        name = name.substring(0, nul);
      }
      if (name.toLowerCase(Locale.ROOT).endsWith(".ovf")) {
        return OVA;
      }
    }
    if (size >= 512) {
      ByteBuffer tail = ByteBuffer.allocate(8);
      int t = f.readSome(size - 512, tail);
      if (startsWith(tail.array(), t, 0, ascii("conectix"))) {
        return VHD;
      }
    }
    return RAW;
  }

  /**
   * Parses a format name.
   *
   * @throws InvalidInputException listing the accepted names
   */
  public static DiskFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown disk format '" + text + "'; use raw, qcow2, vmdk, vhd, vhdx or ova", e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] data, int length, int offset, byte[] magic) {
    if (offset + magic.length > length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data[offset + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
