package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.xz.XZUtils;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images compressed whole are recognised by their magic: gzip is always read; xz and zstd are read
 * when their codec is on the class path, and otherwise refused with a message saying so.
 */
class CompressedInputTest {
  @TempDir Path dir;
  Path image;
  String expected;

  @BeforeEach
  void image() throws IOException {
    RequiredTools.command("qemu-img");
    Path raw = QemuImg.sparseRaw(dir.resolve("src.raw"), 2L << 20, 4);
    image = dir.resolve("disk.qcow2");
    QemuImg.run(
        dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), image.toString());
    expected = QemuImg.sha256(raw);
  }

  @Test
  void readsAGzippedImage() throws IOException {
    QemuImg.run(dir, RequiredTools.command("gzip").toString(), "-k", image.toString());
    Path gz = dir.resolve("disk.qcow2.gz");
    assertThat(DiskFormat.detect(gz)).isEqualTo(DiskFormat.RAW);
    try (VirtualDisk disk = DiskImages.open(gz)) {
      assertThat(disk.format()).isEqualTo(DiskFormat.QCOW2);
      assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
    }
    Inspection info = DiskImages.inspect(gz);
    assertThat(info.compression()).isEqualTo("gzip");
    assertThat(info.format()).isEqualTo(DiskFormat.QCOW2);
  }

  @Test
  void readsOrClearlyRefusesAnXzImage() {
    QemuImg.run(dir, RequiredTools.command("xz").toString(), "-k", image.toString());
    Path xz = dir.resolve("disk.qcow2.xz");
    if (XZUtils.isXZCompressionAvailable()) {
      try (VirtualDisk disk = DiskImages.open(xz)) {
        assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
      }
    } else {
      assertThatThrownBy(() -> DiskImages.open(xz))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("xz-compressed");
    }
  }

  @Test
  void readsOrClearlyRefusesAZstdImage() {
    QemuImg.run(dir, RequiredTools.command("zstd").toString(), "-q", "-k", image.toString());
    Path zst = dir.resolve("disk.qcow2.zst");
    if (ZstdUtils.isZstdCompressionAvailable()) {
      try (VirtualDisk disk = DiskImages.open(zst)) {
        assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
      }
    } else {
      assertThatThrownBy(() -> DiskImages.inspect(zst))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("zstd-compressed");
    }
  }

  @Test
  void readsOrClearlyRefusesZstdCompressedQcow2Clusters() {
    Path zc = dir.resolve("zstd-clusters.qcow2");
    String made =
        QemuImg.run(
            dir,
            false,
            "qemu-img",
            "convert",
            "-f",
            "qcow2",
            "-O",
            "qcow2",
            "-c",
            "-o",
            "compression_type=zstd",
            image.toString(),
            zc.toString());
    if (made.contains("not supported") || made.contains("Invalid")) {
      return; // this qemu-img was built without zstd
    }
    assertThat(DiskImages.inspect(zc).features()).contains("compression-type-zstd");
    if (ZstdUtils.isZstdCompressionAvailable()) {
      try (VirtualDisk disk = DiskImages.open(zc)) {
        assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
      }
    } else {
      assertThatThrownBy(
              () -> {
                try (VirtualDisk disk = DiskImages.open(zc)) {
                  QemuImg.sha256(disk);
                }
              })
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("zstd-compressed clusters");
    }
  }
}
