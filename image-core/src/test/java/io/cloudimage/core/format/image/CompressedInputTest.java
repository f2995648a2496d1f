package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Images compressed whole are recognised by their magic and read through commons-compress: gzip, xz
 * and zstd (their codecs are image-core dependencies), and qcow2's zstd-compressed clusters.
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
  void readsAnXzImage() {
    QemuImg.run(dir, RequiredTools.command("xz").toString(), "-k", image.toString());
    Path xz = dir.resolve("disk.qcow2.xz");
    assertThat(XZUtils.isXZCompressionAvailable()).as("xz codec on the class path").isTrue();
    try (VirtualDisk disk = DiskImages.open(xz)) {
      assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
    }
  }

  @Test
  void readsAZstdImage() {
    QemuImg.run(dir, RequiredTools.command("zstd").toString(), "-q", "-k", image.toString());
    Path zst = dir.resolve("disk.qcow2.zst");
    assertThat(ZstdUtils.isZstdCompressionAvailable()).as("zstd codec on the class path").isTrue();
    try (VirtualDisk disk = DiskImages.open(zst)) {
      assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
    }
    assertThat(DiskImages.inspect(zst).compression()).isEqualTo("zstd");
  }

  @Test
  void readsZstdCompressedQcow2Clusters() {
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
    assertThat(ZstdUtils.isZstdCompressionAvailable()).as("zstd codec on the class path").isTrue();
    try (VirtualDisk disk = DiskImages.open(zc)) {
      assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
    }
  }
}
