package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What cloudimage writes, qemu-img checks clean and compares equal to the source. */
class WritersTest {
  static final long SIZE = 5L * 1024 * 1024 + 7 * 512;
  @TempDir static Path dir;
  static Path source;

  @BeforeAll
  static void source() throws IOException {
    RequiredTools.command("qemu-img");
    Path raw = QemuImg.sparseRaw(dir.resolve("source.raw"), SIZE, 77);
    source = dir.resolve("source.qcow2");
    QemuImg.run(
        dir,
        "qemu-img",
        "convert",
        "-f",
        "raw",
        "-O",
        "qcow2",
        "-c",
        raw.toString(),
        source.toString());
  }

  static Stream<Arguments> outputs() {
    return Stream.of(
        Arguments.of(DiskFormat.RAW, null, "raw"),
        Arguments.of(DiskFormat.QCOW2, null, "qcow2"),
        Arguments.of(DiskFormat.VMDK, null, "vmdk"),
        Arguments.of(DiskFormat.VHD, "fixed", "vpc"),
        Arguments.of(DiskFormat.VHD, "dynamic", "vpc"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("outputs")
  void writesWhatQemuImgChecksCleanAndComparesEqual(
      DiskFormat format, String subformat, String qemuFormat) throws IOException {
    Path out = dir.resolve("out-" + format.id() + "-" + subformat + ".img");
    DiskImages.convert(source, out, format, subformat);
    String check = QemuImg.run(dir, false, "qemu-img", "check", "-f", qemuFormat, out.toString());
    assertThat(check)
        .satisfiesAnyOf(
            c -> assertThat(c).contains("No errors were found"),
            c -> assertThat(c).contains("does not support checks"));
    QemuImg.run(
        dir,
        "qemu-img",
        "compare",
        "-f",
        "qcow2",
        "-F",
        qemuFormat,
        source.toString(),
        out.toString());
    try (VirtualDisk ours = DiskImages.open(out);
        VirtualDisk src = DiskImages.open(source)) {
      assertThat(ours.format()).isEqualTo(format);
      String expected = QemuImg.sha256(src);
      if (ours.size() == src.size()) {
        assertThat(QemuImg.sha256ByExtents(ours)).isEqualTo(expected);
      } else {
        // VHD rounds up to its geometry: the tail beyond the source reads as zeros.
        assertThat(ours.size()).isGreaterThan(src.size());
      }
    }
    if (format != DiskFormat.RAW) {
      JsonLike.assertSameSize(
          QemuImg.info(out, qemuFormat).get("virtual-size").asLong(),
          DiskImages.inspect(out).virtualSize());
    }
  }

  @Test
  void writesAnOvaWithDescriptorStreamVmdkAndManifest() throws IOException {
    Path ova = dir.resolve("appliance.ova");
    DiskImages.convert(source, ova, DiskFormat.OVA, null);
    Inspection info = DiskImages.inspect(ova);
    assertThat(info.format()).isEqualTo(DiskFormat.OVA);
    assertThat(info.virtualSize()).isEqualTo(SIZE);
    assertThat(info.disks())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo("appliance-disk1.vmdk");
              assertThat(d.capacity()).isEqualTo(SIZE);
            });
    Path x = Files.createDirectories(dir.resolve("extracted"));
    QemuImg.run(x, "tar", "-xf", ova.toString());
    assertThat(QemuImg.run(x, "tar", "-tf", ova.toString()).lines().toList())
        .containsExactly("appliance.ovf", "appliance-disk1.vmdk", "appliance.mf");
    Path vmdk = x.resolve("appliance-disk1.vmdk");
    assertThat(info.manifest())
        .containsEntry("appliance-disk1.vmdk", "SHA256:" + QemuImg.sha256(vmdk))
        .containsEntry("appliance.ovf", "SHA256:" + QemuImg.sha256(x.resolve("appliance.ovf")));
    QemuImg.run(
        dir,
        "qemu-img",
        "compare",
        "-f",
        "qcow2",
        "-F",
        "vmdk",
        source.toString(),
        vmdk.toString());
    try (VirtualDisk disk = DiskImages.open(ova);
        VirtualDisk src = DiskImages.open(source)) {
      assertThat(QemuImg.sha256(disk)).isEqualTo(QemuImg.sha256(src));
    }
  }

  @Test
  void reportsProgressAndStopsWhenCancelledLeavingNothing() throws IOException {
    Path target = Files.createDirectories(dir.resolve("cancelled")).resolve("out.vhd");
    List<io.cloudimage.core.progress.Progress> seen = new java.util.ArrayList<>();
    io.cloudimage.core.progress.Cancellation cancel =
        io.cloudimage.core.progress.Cancellation.create();
    try (VirtualDisk src = DiskImages.open(source)) {
      assertThatThrownBy(
              () ->
                  DiskImages.write(
                      src,
                      target,
                      DiskFormat.VHD,
                      null,
                      p -> {
                        seen.add(p);
                        cancel.cancel();
                      },
                      cancel,
                      source))
          .isInstanceOf(io.cloudimage.core.error.CancelledException.class);
    }
    assertThat(seen).isNotEmpty();
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void refusesToWriteOverTheInput() {
    assertThatThrownBy(() -> DiskImages.convert(source, source, DiskFormat.RAW, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is the same file as input");
  }

  @Test
  void refusesToWriteVhdx() {
    assertThatThrownBy(
            () -> DiskImages.convert(source, dir.resolve("x.vhdx"), DiskFormat.VHDX, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("vhdx");
  }

  @Test
  void aFailedWriteLeavesNoFileUnderTheTargetName() throws IOException {
    Path target = Files.createDirectories(dir.resolve("failing")).resolve("out.qcow2");
    VirtualDisk failing =
        new VirtualDisk() {
          @Override
          public DiskFormat format() {
            return DiskFormat.RAW;
          }

          @Override
          public long size() {
            return 8L << 20;
          }

          @Override
          public int read(long offset, ByteBuffer dst) {
            if (offset >= 4L << 20) {
              throw new CorruptDataException(null, offset, "raw: simulated damage");
            }
            int n = dst.remaining();
            while (dst.hasRemaining()) {
              dst.put((byte) 1);
            }
            return n;
          }

          @Override
          public List<Extent> extents() {
            return List.of(new Extent(0, size()));
          }

          @Override
          public void close() {}
        };
    assertThatThrownBy(() -> DiskImages.write(failing, target, DiskFormat.QCOW2, null))
        .isInstanceOf(CorruptDataException.class);
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).isEmpty();
    }
  }

  /** Sizes as qemu-img reports them against ours. */
  static final class JsonLike {
    static void assertSameSize(long qemu, long ours) {
      assertThat(ours).isEqualTo(qemu);
    }
  }
}
