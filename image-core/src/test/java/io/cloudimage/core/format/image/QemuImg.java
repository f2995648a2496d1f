package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Runs qemu-img and other tools for the format tests, and digests files and disks. */
final class QemuImg {
  private QemuImg() {}

  /** Runs a command, failing the test with its output when it exits non-zero. */
  static String run(Path dir, String... command) {
    return run(dir, true, command);
  }

  static String run(Path dir, boolean mustSucceed, String... command) {
    try {
      List<String> cmd = new ArrayList<>(List.of(command));
      if (cmd.get(0).equals("qemu-img") || cmd.get(0).equals("qemu-io")) {
        cmd.set(0, RequiredTools.command(cmd.get(0)).toString());
      }
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int code = p.waitFor();
      if (mustSucceed) {
        assertThat(code).as(String.join(" ", command) + "\n" + out).isZero();
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode info(Path file, String format) {
    try {
      return new ObjectMapper()
          .readTree(
              run(
                  file.getParent(),
                  "qemu-img",
                  "info",
                  "-f",
                  format,
                  "--output=json",
                  file.toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Writes a raw disk of {@code size} bytes: random data in scattered runs, holes between them
   * (some runs shorter than a cluster, one at the very end).
   */
  static Path sparseRaw(Path file, long size, long seed) throws IOException {
    Random random = new Random(seed);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.truncate(0);
      long pos = 0;
      while (pos < size) {
        long hole = (random.nextInt(8) * 64L + random.nextInt(4) * 4) * 1024;
        pos += hole;
        int len = (int) Math.min(size - pos, 4096L * (1 + random.nextInt(40)));
        if (len <= 0) {
          break;
        }
        byte[] data = new byte[len];
        random.nextBytes(data);
        ch.write(ByteBuffer.wrap(data), pos);
        pos += len;
      }
      byte[] tail = new byte[1000];
      random.nextBytes(tail);
      ch.write(ByteBuffer.wrap(tail), size - tail.length);
    }
    return file;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = sha();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Reads the whole disk sequentially, holes and all. */
  static String sha256(VirtualDisk disk) {
    MessageDigest md = sha();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long pos = 0;
    while (pos < disk.size()) {
      buf.clear();
      int n = disk.read(pos, buf);
      assertThat(n).isPositive();
      md.update(buf.array(), 0, n);
      pos += n;
    }
    assertThat(disk.read(pos, ByteBuffer.allocate(1))).isEqualTo(-1);
    return HexFormat.of().formatHex(md.digest());
  }

  /** Reads only the allocated extents and stands in zeros for the holes. */
  static String sha256ByExtents(VirtualDisk disk) {
    MessageDigest md = sha();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    byte[] zeros = new byte[1 << 20];
    long pos = 0;
    for (Extent e : disk.extents()) {
      assertThat(e.offset()).isGreaterThanOrEqualTo(pos);
      while (pos < e.offset()) {
        int n = (int) Math.min(zeros.length, e.offset() - pos);
        md.update(zeros, 0, n);
        pos += n;
      }
      while (pos < e.end()) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), e.end() - pos));
        int n = disk.read(pos, buf);
        md.update(buf.array(), 0, n);
        pos += n;
      }
    }
    while (pos < disk.size()) {
      int n = (int) Math.min(zeros.length, disk.size() - pos);
      md.update(zeros, 0, n);
      pos += n;
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
