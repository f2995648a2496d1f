package io.cloudimage.core.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The identity of an ext2/3/4 or XFS filesystem read from its superblock on a device or image file:
 * only the first 2 KiB are read. ext4: magic {@code 0xEF53} at byte 1080, UUID at 1128, label at
 * 1144 (16 bytes). XFS: magic {@code XFSB} at 0, UUID at 32, label at 108 (12 bytes).
 */
public final class Superblock {
  private Superblock() {}

  /**
   * The filesystem identity.
   *
   * @param type {@code ext4} (for any ext2/3/4) or {@code xfs}
   * @param uuid the UUID in its usual text form
   * @param label the label, or empty
   */
  public record Identity(String type, String uuid, String label) {}

  /** The identity of the filesystem at the start of {@code device}, or {@code null} if neither. */
  public static @Nullable Identity read(Path device) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2048);
    try (FileChannel ch = FileChannel.open(device, StandardOpenOption.READ)) {
      while (b.hasRemaining() && ch.read(b) > 0) {
        // Fill the buffer; a short device ends the loop.
      }
    }
    b.flip();
    return parse(b);
  }

  /** The identity in the first bytes of a filesystem, or {@code null} if neither ext nor XFS. */
  public static @Nullable Identity parse(ByteBuffer first2k) {
    ByteBuffer b = first2k.duplicate();
    if (b.limit() >= 4
        && b.get(0) == 'X'
        && b.get(1) == 'F'
        && b.get(2) == 'S'
        && b.get(3) == 'B'
        && b.limit() >= 120) {
      return new Identity("xfs", uuid(b, 32), text(b, 108, 12));
    }
    if (b.limit() >= 1160
        && (b.order(ByteOrder.LITTLE_ENDIAN).getShort(1024 + 56) & 0xffff) == 0xEF53) {
      return new Identity("ext4", uuid(b, 1024 + 104), text(b, 1024 + 120, 16));
    }
    return null;
  }

  private static String uuid(ByteBuffer b, int at) {
    StringBuilder s = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        s.append('-');
      }
      s.append(String.format("%02x", b.get(at + i) & 0xff));
    }
    return s.toString();
  }

  private static String text(ByteBuffer b, int at, int len) {
    int n = 0;
    while (n < len && b.get(at + n) != 0) {
      n++;
    }
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = b.get(at + i);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
