package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For images that qemu-img makes from one sparse raw disk, in every format and variant, the virtual
 * disk read by cloudimage has the SHA-256 of {@code qemu-img convert -O raw} of the same file,
 * whether read whole or extent by extent, and inspection agrees with {@code qemu-img info}.
 */
class QemuMadeImagesTest {
  static final long SIZE = 6L * 1024 * 1024 + 3 * 512;
  @TempDir static Path dir;
  static Path raw;

  @BeforeAll
  static void source() throws IOException {
    RequiredTools.command("qemu-img");
    raw = QemuImg.sparseRaw(dir.resolve("source.raw"), SIZE, 42);
  }

  static Stream<Arguments> images() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("qcow2-v2", List.of("-O", "qcow2", "-o", "compat=0.10")));
    out.add(Arguments.of("qcow2-v3", List.of("-O", "qcow2", "-o", "compat=1.1")));
    out.add(Arguments.of("qcow2-4k", List.of("-O", "qcow2", "-o", "cluster_size=4096")));
    out.add(Arguments.of("qcow2-compressed", List.of("-O", "qcow2", "-c")));
    out.add(Arguments.of("qcow2-v2-compressed", List.of("-O", "qcow2", "-c", "-o", "compat=0.10")));
    out.add(Arguments.of("vmdk-monolithicSparse", List.of("-O", "vmdk")));
    out.add(
        Arguments.of(
            "vmdk-streamOptimized", List.of("-O", "vmdk", "-o", "subformat=streamOptimized")));
    out.add(
        Arguments.of(
            "vmdk-monolithicFlat", List.of("-O", "vmdk", "-o", "subformat=monolithicFlat")));
    out.add(
        Arguments.of(
            "vmdk-twoGbMaxExtentSparse",
            List.of("-O", "vmdk", "-o", "subformat=twoGbMaxExtentSparse")));
    out.add(Arguments.of("vhd-dynamic", List.of("-O", "vpc", "-o", "subformat=dynamic")));
    out.add(Arguments.of("vhd-fixed", List.of("-O", "vpc", "-o", "subformat=fixed")));
    out.add(
        Arguments.of(
            "vhd-dynamic-current-size",
            List.of("-O", "vpc", "-o", "subformat=dynamic,force_size=on")));
    out.add(Arguments.of("vhdx-dynamic", List.of("-O", "vhdx", "-o", "subformat=dynamic")));
    out.add(Arguments.of("vhdx-fixed", List.of("-O", "vhdx", "-o", "subformat=fixed")));
    out.add(Arguments.of("vhdx-1m-blocks", List.of("-O", "vhdx", "-o", "block_size=1M")));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void readsTheSameBytesAsQemuImg(String name, List<String> options) throws IOException {
    Path image = dir.resolve(name + ".img");
    List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert", "-f", "raw"));
    cmd.addAll(options);
    cmd.add(raw.toString());
    cmd.add(image.toString());
    QemuImg.run(dir, cmd.toArray(String[]::new));
    String format = options.get(options.indexOf("-O") + 1);
    assertReadsLikeQemu(image, format);
    assertInspectsLikeQemu(image, format);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void readsGzipWrappedImages(String name, List<String> options) throws IOException {
    if (!name.equals("qcow2-v3") && !name.equals("vhd-dynamic")) {
      return;
    }
    Path image = dir.resolve(name + "-gz.img");
    List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert", "-f", "raw"));
    cmd.addAll(options);
    cmd.add(raw.toString());
    cmd.add(image.toString());
    QemuImg.run(dir, cmd.toArray(String[]::new));
    String expected = qemuRawSha(image, options.get(options.indexOf("-O") + 1));
    QemuImg.run(dir, "gzip", "-f", image.toString());
    Path gz = dir.resolve(image.getFileName() + ".gz");
    try (VirtualDisk disk = DiskImages.open(gz)) {
      assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
    }
    assertThat(DiskImages.inspect(gz).compression()).isEqualTo("gzip");
  }

  /** qemu-img does not probe fixed VHDs (their footer is at the end): name the format. */
  static String qemuRawSha(Path image, String format) throws IOException {
    Path out = dir.resolve(image.getFileName() + ".out.raw");
    QemuImg.run(
        dir, "qemu-img", "convert", "-f", format, "-O", "raw", image.toString(), out.toString());
    String sha = QemuImg.sha256(out);
    Files.delete(out);
    return sha;
  }

  static void assertReadsLikeQemu(Path image, String format) throws IOException {
    String expected = qemuRawSha(image, format);
    try (VirtualDisk disk = DiskImages.open(image)) {
      assertThat(QemuImg.sha256(disk)).as("sequential read of " + image).isEqualTo(expected);
      assertThat(QemuImg.sha256ByExtents(disk)).as("extents of " + image).isEqualTo(expected);
    }
  }

  static void assertInspectsLikeQemu(Path image, String format) {
    JsonNode info = QemuImg.info(image, format);
    Inspection ours = DiskImages.inspect(image);
    String qemuFormat = info.get("format").asText();
    assertThat(ours.format().id()).isEqualTo(qemuFormat.equals("vpc") ? "vhd" : qemuFormat);
    assertThat(ours.virtualSize()).isEqualTo(info.get("virtual-size").asLong());
    if (info.has("cluster-size")) {
      assertThat(ours.clusterSize()).isEqualTo(info.get("cluster-size").asLong());
    }
    if (info.has("backing-filename")) {
      assertThat(ours.backingFile()).isEqualTo(info.get("backing-filename").asText());
    } else {
      assertThat(ours.backingFile()).isNull();
    }
    assertThat(ours.allocatedBytes()).isNotNull();
  }
}
