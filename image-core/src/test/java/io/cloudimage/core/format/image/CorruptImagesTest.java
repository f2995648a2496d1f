package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.BackingFiles;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged images fail with the format, the offset and what was wrong. */
class CorruptImagesTest {
  @TempDir Path dir;
  Path raw;

  @BeforeEach
  void source() throws IOException {
    RequiredTools.command("qemu-img");
    raw = QemuImg.sparseRaw(dir.resolve("src.raw"), 2L * 1024 * 1024, 1);
  }

  private byte[] make(String... options) throws IOException {
    Path out = dir.resolve("made.img");
    String[] cmd = new String[options.length + 6];
    cmd[0] = "qemu-img";
    cmd[1] = "convert";
    cmd[2] = "-f";
    cmd[3] = "raw";
    System.arraycopy(options, 0, cmd, 4, options.length);
    cmd[cmd.length - 2] = raw.toString();
    cmd[cmd.length - 1] = out.toString();
    QemuImg.run(dir, cmd);
    return Files.readAllBytes(out);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static void readAll(Path file) {
    try (VirtualDisk disk = DiskImages.open(file)) {
      QemuImg.sha256(disk);
    }
  }

  @Test
  void truncatedQcow2HeaderNamesFormatAndOffset() throws IOException {
    Path f = write("cut.qcow2", Arrays.copyOf(make("-O", "qcow2"), 50));
    assertThatThrownBy(() -> DiskImages.inspect(f))
        .isInstanceOfSatisfying(
            CorruptDataException.class,
            e -> {
              assertThat(e.offset()).isZero();
              assertThat(e.file()).isEqualTo(f);
            })
        .hasMessageContaining("qcow2: the header (72 bytes) runs past the end of the file");
  }

  @Test
  void qcow2L1TablePastTheEndIsRefused() throws IOException {
    byte[] b = make("-O", "qcow2");
    ByteBuffer.wrap(b).putLong(40, 1L << 40);
    Path f = write("l1.qcow2", b);
    assertThatThrownBy(() -> DiskImages.open(f))
        .isInstanceOfSatisfying(
            CorruptDataException.class, e -> assertThat(e.offset()).isEqualTo(40))
        .hasMessageContaining("qcow2: the L1 table at 1099511627776");
  }

  @Test
  void qcow2L2TableOverlappingTheL1TableIsRefused() throws IOException {
    byte[] b = make("-O", "qcow2");
    ByteBuffer h = ByteBuffer.wrap(b);
    long l1 = h.getLong(40);
    h.putLong((int) l1, l1 | (1L << 63));
    Path f = write("overlap.qcow2", b);
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOfSatisfying(
            CorruptDataException.class, e -> assertThat(e.offset()).isEqualTo(l1))
        .hasMessageContaining("L2 table at " + l1 + " overlaps the L1 table");
  }

  @Test
  void qcow2L2EntryPointingAtItsOwnTableIsALoop() throws IOException {
    byte[] b = make("-O", "qcow2");
    ByteBuffer h = ByteBuffer.wrap(b);
    long l2 = h.getLong((int) h.getLong(40)) & 0x00ff_ffff_ffff_fe00L;
    h.putLong((int) l2, l2 | (1L << 63));
    Path f = write("loop.qcow2", b);
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("maps itself as data");
  }

  @Test
  void qcow2VirtualSizeBeyondTheL1TableIsRefused() throws IOException {
    byte[] b = make("-O", "qcow2");
    ByteBuffer.wrap(b).putLong(24, 1L << 50);
    Path f = write("big.qcow2", b);
    assertThatThrownBy(() -> DiskImages.inspect(f))
        .isInstanceOfSatisfying(
            CorruptDataException.class, e -> assertThat(e.offset()).isEqualTo(24))
        .hasMessageContaining("beyond what the L1 table");
  }

  @Test
  void vhdBatPastTheEndIsRefused() throws IOException {
    byte[] b = make("-O", "vpc");
    ByteBuffer h = ByteBuffer.wrap(b);
    // The dynamic header follows the footer copy; its table offset is at +16, checksum at +36.
    h.putLong(512 + 16, 1L << 40);
    ByteBuffer header = ByteBuffer.wrap(b, 512, 1024).slice();
    int sum = 0;
    for (int i = 0; i < 1024; i++) {
      sum += (i >= 36 && i < 40) ? 0 : header.get(i) & 0xff;
    }
    header.putInt(36, ~sum);
    Path f = write("bat.vhd", b);
    assertThatThrownBy(() -> DiskImages.open(f))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("vhd: the BAT at 1099511627776");
  }

  @Test
  void vhdFooterWithABadChecksumIsRefused() throws IOException {
    byte[] b = make("-O", "vpc", "-o", "subformat=fixed");
    b[b.length - 512 + 48] ^= 1;
    Path f = write("sum.vhd", b);
    // qemu does not probe fixed VHDs; cloudimage recognises the cookie and checks the footer.
    assertThatThrownBy(() -> DiskImages.open(f))
        .isInstanceOfSatisfying(
            CorruptDataException.class, e -> assertThat(e.offset()).isEqualTo(b.length - 512))
        .hasMessageContaining("vhd: the footer checksum");
  }

  @Test
  void vmdkGrainDirectoryPastTheEndIsRefused() throws IOException {
    byte[] b = make("-O", "vmdk");
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(56, 1L << 40);
    Path f = write("gd.vmdk", b);
    assertThatThrownBy(() -> DiskImages.open(f))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("vmdk: the grain directory at sector 1099511627776");
  }

  @Test
  void vmdkDescriptorNamingAnAbsoluteExtentIsRefused() throws IOException {
    Path flat = write("x-flat.vmdk", new byte[4096]);
    Path d = dir.resolve("x.vmdk");
    Files.writeString(
        d,
        "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\n"
            + "createType=\"monolithicFlat\"\nRW 8 FLAT \""
            + flat
            + "\" 0\n");
    assertThatThrownBy(() -> DiskImages.open(d))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("absolute path");
    try (VirtualDisk disk = DiskImages.open(d, BackingFiles.ANY)) {
      assertThat(disk.size()).isEqualTo(4096);
    }
  }

  @Test
  void vhdxVirtualSizeBeyondTheBatIsRefused() throws IOException {
    byte[] b = make("-O", "vhdx");
    // Find the virtual disk size item through the region and metadata tables.
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int regions = 192 * 1024;
    long meta = -1;
    for (int i = 0; i < le.getInt(regions + 8); i++) {
      int at = regions + 16 + i * 32;
      if (le.getInt(at) == 0x8B7CA206) {
        meta = le.getLong(at + 16);
      }
    }
    assertThat(meta).isPositive();
    long sizeItem = -1;
    for (int i = 0; i < le.getShort((int) meta + 10); i++) {
      int at = (int) meta + 32 + i * 32;
      if (le.getInt(at) == 0x2FA54224) {
        sizeItem = meta + Integer.toUnsignedLong(le.getInt(at + 16));
      }
    }
    le.putLong((int) sizeItem, 1L << 44);
    Path f = write("big.vhdx", b);
    assertThatThrownBy(() -> DiskImages.open(f))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("vhdx: the virtual size 17592186044416 needs");
  }
}
