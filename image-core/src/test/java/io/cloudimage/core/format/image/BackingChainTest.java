package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.BackingFiles;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qcow2 backing chains: read through, confined to the image's folder, loops refused. */
class BackingChainTest {
  static final long SIZE = 4L * 1024 * 1024;
  @TempDir Path dir;

  @BeforeEach
  void tools() {
    RequiredTools.command("qemu-img");
  }

  private Path overlayOn(Path folder, String backingName) throws IOException {
    Path raw = QemuImg.sparseRaw(dir.resolve("base.raw"), SIZE, 7);
    Path modified = dir.resolve("modified.raw");
    Files.copy(raw, modified, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(modified, StandardOpenOption.WRITE)) {
      byte[] b = new byte[100_000];
      new Random(3).nextBytes(b);
      ch.write(ByteBuffer.wrap(b), 1_000_000);
    }
    Path backingPath = folder.resolve(backingName).normalize();
    Files.createDirectories(backingPath.getParent());
    QemuImg.run(
        dir,
        "qemu-img",
        "convert",
        "-f",
        "raw",
        "-O",
        "qcow2",
        raw.toString(),
        backingPath.toString());
    Path overlay = folder.resolve("overlay.qcow2");
    QemuImg.run(
        folder,
        "qemu-img",
        "convert",
        "-f",
        "raw",
        "-O",
        "qcow2",
        "-B",
        backingName,
        "-o",
        "backing_fmt=qcow2",
        modified.toString(),
        overlay.toString());
    return overlay;
  }

  @Test
  void readsThroughTheBackingFileLikeQemuImg() throws IOException {
    Path overlay = overlayOn(dir, "base.qcow2");
    assertThat(DiskImages.inspect(overlay).backingFile()).isEqualTo("base.qcow2");
    QemuMadeImagesTest.dir = dir;
    QemuMadeImagesTest.assertReadsLikeQemu(overlay, "qcow2");
    QemuMadeImagesTest.assertInspectsLikeQemu(overlay, "qcow2");
  }

  @Test
  void refusesABackingFileOutsideTheFolderUnlessAllowed() throws IOException {
    Path folder = dir.resolve("images");
    Files.createDirectories(folder);
    Path overlay = overlayOn(folder, "../elsewhere/base.qcow2");
    assertThatThrownBy(() -> DiskImages.open(overlay))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("leads out of the image's folder");
    try (VirtualDisk disk = DiskImages.open(overlay, BackingFiles.ANY)) {
      assertThat(disk.size()).isEqualTo(SIZE);
    }
  }

  @Test
  void refusesAnAbsoluteBackingPathWhenConfined() throws IOException {
    Path overlay = overlayOn(dir, dir.resolve("abs-base.qcow2").toString());
    assertThatThrownBy(() -> DiskImages.open(overlay))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("absolute path");
    try (VirtualDisk disk = DiskImages.open(overlay, BackingFiles.ANY)) {
      assertThat(disk.size()).isEqualTo(SIZE);
    }
  }

  @Test
  void refusesABackingChainThatLoops() {
    QemuImg.run(
        dir,
        "qemu-img",
        "create",
        "-f",
        "qcow2",
        "-u",
        "-b",
        "b.qcow2",
        "-F",
        "qcow2",
        "a.qcow2",
        "1M");
    QemuImg.run(
        dir,
        "qemu-img",
        "create",
        "-f",
        "qcow2",
        "-u",
        "-b",
        "a.qcow2",
        "-F",
        "qcow2",
        "b.qcow2",
        "1M");
    assertThatThrownBy(() -> DiskImages.open(dir.resolve("a.qcow2")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("loops");
  }
}
