package io.cloudimage.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.guest.CgroupState;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.model.guest.FilesystemInfo;
import io.cloudimage.core.model.guest.NetworkState;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture from copies of a host's files under {@code src/test/resources/host/}: the network files
 * are this build machine's own; cgroup, NVMe and md RAID files are written as a cloud host has
 * them.
 */
class HostCaptureTest {
  @TempDir Path tmp;

  static Path fixture() {
    try {
      return Path.of(HostCaptureTest.class.getResource("/host").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path copy() throws IOException {
    Path from = fixture();
    Path to = tmp.resolve("host");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  private static Path ext4(Path image, String uuid, String label) throws Exception {
    Path mkfs = RequiredTools.command("mkfs.ext4");
    Files.createDirectories(image.getParent());
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(8L << 20);
    }
    Process p =
        new ProcessBuilder(mkfs.toString(), "-q", "-F", "-U", uuid, "-L", label, image.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return image;
  }

  @Test
  void readsFilesystemsWithUuidAndLabelFromTheSuperblock() throws Exception {
    Path host = copy();
    ext4(host.resolve("dev/nvme0n1p1"), "8f0c2b4e-1d7a-4c1e-9b2a-3e5f6a7b8c9d", "cloudimg-rootfs");

    HostSnapshot s = HostCapture.of(HostFiles.under(host)).capture();

    assertThat(s.filesystems())
        .extracting(
            FilesystemInfo::mountPoint,
            FilesystemInfo::type,
            FilesystemInfo::uuid,
            FilesystemInfo::label)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/", "ext4", "8f0c2b4e-1d7a-4c1e-9b2a-3e5f6a7b8c9d", "cloudimg-rootfs"),
            org.assertj.core.groups.Tuple.tuple("/data disk", "xfs", "", ""));
    assertThat(s.warnings())
        .anySatisfy(w -> assertThat(w).contains("mountinfo line 5"))
        .anySatisfy(w -> assertThat(w).contains("/dev/md0"));
  }

  @Test
  void readsAnXfsSuperblock() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2048);
    b.put(0, "XFSB".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int i = 0; i < 16; i++) {
      b.put(32 + i, (byte) (0x10 + i));
    }
    b.put(108, "data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    Superblock.Identity id = Superblock.parse(b);

    assertThat(id)
        .isEqualTo(new Superblock.Identity("xfs", "10111213-1415-1617-1819-1a1b1c1d1e1f", "data"));
  }

  @Test
  void readsCgroupDevicesNetworkAndGpu() throws IOException {
    HostSnapshot s = HostCapture.of(HostFiles.under(fixture())).capture();

    assertThat(s.cgroups())
        .containsExactly(
            new CgroupState("/", List.of("cpuset", "cpu", "io", "memory", "pids"), -1, 100_000, -1),
            new CgroupState(
                "/system.slice",
                List.of("cpu", "memory", "pids"),
                150_000,
                100_000,
                4_294_967_296L),
            new CgroupState("/user.slice", List.of("memory", "pids"), -1, 100_000, -1));
    assertThat(s.devices())
        .extracting(
            DeviceBinding::deviceName,
            DeviceBinding::volumeSizeBytes,
            DeviceBinding::nvmeSerial,
            DeviceBinding::raidMember)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/dev/nvme0n1", 107_374_182_400L, "vol0123456789abcdef0", "md0"),
            org.assertj.core.groups.Tuple.tuple(
                "/dev/nvme1n1", 107_374_182_400L, "vol0fedcba9876543210", "md0"));
    NetworkState.Interface eth0 = s.network().interfaces().get(0);
    assertThat(s.network().interfaces()).hasSize(1);
    assertThat(eth0.mac()).isEqualTo("02:42:ac:11:00:02");
    assertThat(eth0.addresses()).contains("192.0.2.2/24", "fd00::2/64");
    assertThat(s.network().routes())
        .contains(
            new NetworkState.Route("0.0.0.0/0", "192.0.2.1", "eth0"),
            new NetworkState.Route("192.0.2.0/24", "", "eth0"),
            new NetworkState.Route("::/0", "fd00::1", "eth0"));
    assertThat(s.nvidiaGpus()).containsExactly("0000:00:1e.0");
    assertThat(s.toJson()).contains("\"nvmeSerial\" : \"vol0123456789abcdef0\"");
  }

  @Test
  void missingFilesGivePartialResultsWithWarnings() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("bare"));

    HostSnapshot s = HostCapture.of(HostFiles.under(empty)).capture();

    assertThat(s.filesystems()).isEmpty();
    assertThat(s.cgroups()).isEmpty();
    assertThat(s.network().isEmpty()).isTrue();
    assertThat(s.warnings())
        .anySatisfy(w -> assertThat(w).contains("/proc/self/mountinfo"))
        .anySatisfy(w -> assertThat(w).contains("cgroup v2"))
        .anySatisfy(w -> assertThat(w).contains("/proc/net/route"));
  }

  @Test
  void fsckChecksAFilesystemImageWithoutChangingIt() throws Exception {
    RequiredTools.command("fsck");
    Path image = ext4(tmp.resolve("fs.img"), "0a1b2c3d-0000-4000-8000-000000000001", "t");
    byte[] before = Files.readAllBytes(image);
    List<List<String>> ran = new ArrayList<>();
    CommandRunner recording =
        (command, cancellation) -> {
          ran.add(command.argv());
          return new LocalCommandRunner().run(command, cancellation);
        };

    Preparation.FsckResult clean = Preparation.fsck(recording, image);
    // Break the superblock's magic: fsck -n must report it and still change nothing.
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.seek(1024 + 56);
      f.write(new byte[] {0, 0});
    }
    byte[] broken = Files.readAllBytes(image);
    Preparation.FsckResult bad = Preparation.fsck(recording, image);

    assertThat(ran.get(0)).containsExactly("fsck", "-n", image.toString());
    assertThat(clean.clean()).as(clean.output()).isTrue();
    assertThat(bad.clean()).isFalse();
    assertThat(bad.exitCode()).isGreaterThanOrEqualTo(4);
    assertThat(Files.readAllBytes(image)).isEqualTo(broken);
    assertThat(before).isNotEqualTo(broken);
  }

  @Test
  void backsUpTheNetworkConfiguration() throws IOException {
    Path tar = tmp.resolve("network.tar");
    List<String> warnings = new ArrayList<>();

    List<String> written =
        Preparation.backupNetworkConfig(HostFiles.under(fixture()), tar, warnings::add);

    assertThat(written).containsExactly("/etc/netplan/50-cloud-init.yaml", "/etc/hosts");
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).containsExactly("etc/netplan/50-cloud-init.yaml", "etc/hosts");
  }
}
