package io.cloudimage.core.format;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1024));
      while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
        // fill
      }
      ByteBuffer tail = ByteBuffer.allocate(8);
      if (size >= 512) {
        ch.read(tail, size - 512);
      }
      return detect(head.array(), head.position(), tail.array(), tail.position(), size);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Detects a format from a file's first bytes ({@code head}, up to 1024) and the first 8 of its
   * last 512 ({@code tail}), for callers that read them themselves.
   *
   * @param size the file's size
   */
  public static DiskFormat detect(
      byte[] head, int headLength, byte[] tail, int tailLength, long size) {
    byte[] h = head;
    int n = headLength;
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
      String name = new String(h, 0, 100, StandardCharsets.US_ASCII);
      int nul = name.indexOf('\0');
      if (nul >= 0) {
        name = name.substring(0, nul);
      }
      if (name.trim().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
        return OVA;
      }
    }
    if (size >= 512 && startsWith(tail, tailLength, 0, ascii("conectix"))) {
      return VHD;
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
