package io.cloudimage.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety invariants of a local home: confinement, no deleting recovery, fail-closed. */
class LocalHomeSafetyTest {
  @TempDir Path dir;

  private Path home() {
    return dir.resolve("home");
  }

  private LocalProvider open() {
    return LocalProvider.builder().home(home()).build();
  }

  private Path disk(String name, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(dir.resolve(name), data);
  }

  private static Image importDisk(LocalProvider local, Path file, String name) {
    return local.importImage(
        ImportRequest.of(file, name, OperatingSystem.parse("debian:12"), Architecture.X86_64),
        ProgressListener.NONE,
        Cancellation.never());
  }

  private static List<Image> list(LocalProvider local) {
    try (Stream<Image> s = local.images(ImageQuery.ALL)) {
      return s.toList();
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static String snapshotOf(Image image) {
    return image.guest().deviceBindings().get(0).snapshotId();
  }

  // ---- case 1: recovery never deletes ----

  @Test
  void openingAHomeNeverDeletesUnrecordedDisks() throws Exception {
    open().close();
    Path stray = Files.write(home().resolve("disks/hot/snap-00000000000000bb.raw"), new byte[77]);
    try (LocalProvider local = open()) {
      assertThat(list(local)).isEmpty();
    }
    assertThat(stray).doesNotExist();
    try (Stream<Path> q = Files.walk(home().resolve("quarantine"))) {
      List<Path> kept = q.filter(Files::isRegularFile).toList();
      assertThat(kept).singleElement().satisfies(p -> assertThat(Files.size(p)).isEqualTo(77));
    }
  }

  @Test
  void aTierFolderThatIsALinkIsRefusedAndWhatItPointsAtIsUntouched() throws Exception {
    open().close();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path canary = Files.write(outside.resolve("snap-00000000000000cc.raw"), new byte[] {1, 2, 3});
    Path tier = home().resolve("disks/cold");
    Files.delete(tier);
    Files.createSymbolicLink(tier, outside);
    assertThatThrownBy(this::open)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(tier.toString())
        .hasMessageContaining("link");
    assertThat(canary).exists().hasBinaryContent(new byte[] {1, 2, 3});
  }

  // ---- case 2: confinement ----

  @Test
  void eraseRefusesADiskThatIsALinkOutOfTheHome() throws Exception {
    Path canary = disk("canary.raw", 4096);
    String before = sha256(canary);
    try (LocalProvider local = open()) {
      Image image = importDisk(local, disk("a.raw", 4096), "a");
      Path diskFile = local.diskFile(snapshotOf(image));
      Files.delete(diskFile);
      Files.createSymbolicLink(diskFile, canary);
      assertThatThrownBy(
              () -> local.erase(image.nativeId(), ProgressListener.NONE, Cancellation.never()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(diskFile.getFileName().toString())
          .hasMessageContaining("link");
    }
    assertThat(sha256(canary)).isEqualTo(before);
  }

  @Test
  void eraseRefusesADiskWithAHardLinkOutOfTheHome() throws Exception {
    Path outside = dir.resolve("hard.raw");
    try (LocalProvider local = open()) {
      Image image = importDisk(local, disk("a.raw", 4096), "a");
      Path diskFile = local.diskFile(snapshotOf(image));
      Files.createLink(outside, diskFile);
      String before = sha256(outside);
      assertThatThrownBy(
              () -> local.erase(image.nativeId(), ProgressListener.NONE, Cancellation.never()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("link");
      assertThat(sha256(outside)).isEqualTo(before);
    }
  }

  @Test
  void aRecordThatIsALinkIsNeverReadOrWrittenThrough() throws Exception {
    Path outside = dir.resolve("secret.json");
    Files.writeString(outside, "{\"not\": \"a record\"}");
    open().close();
    Path record = home().resolve("images/img-00000000000000dd.json");
    Files.createSymbolicLink(record, outside);
    try (LocalProvider local = open()) {
      assertThat(list(local))
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.state()).isEqualTo(ImageState.BROKEN);
                assertThat(i.description()).contains("link");
              });
    }
    assertThat(outside).hasContent("{\"not\": \"a record\"}");
  }

  // ---- case 3: fail closed on BROKEN records ----

  @Test
  void aSnapshotABrokenRecordMayReferenceIsNeitherDeletedNorMoved() throws Exception {
    try (LocalProvider local = open()) {
      Image a = importDisk(local, disk("a.raw", 4096), "a");
      Image b = local.registerFromSnapshotOf(a.nativeId(), "b");
      String snap = snapshotOf(a);
      Path bRecord = home().resolve("images/" + b.nativeId() + ".json");
      String text = Files.readString(bRecord);
      // A crash or a careless edit cut the record short: it no longer parses.
      Files.writeString(bRecord, text.substring(0, text.indexOf(snap) + snap.length() + 3));
      local.deregister(a.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      assertThat(local.describeSnapshot(snap).id())
          .as("the snapshot a BROKEN record may use is kept")
          .isEqualTo(snap);
      assertThatThrownBy(() -> local.deleteSnapshot(snap))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(b.nativeId())
          .hasMessageContaining("cannot be read");
      assertThatThrownBy(
              () ->
                  local.moveTier(
                      snap, StorageTier.COLD, ProgressListener.NONE, Cancellation.never()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(b.nativeId());
      assertThat(local.diskFile(snap)).exists();
    }
  }

  // ---- case 5: atomic removal ----

  @Test
  void removingAnImageWhoseDiskIsMissingLeavesItListed() throws Exception {
    try (LocalProvider local = open()) {
      Image image = importDisk(local, disk("a.raw", 4096), "a");
      Files.delete(local.diskFile(snapshotOf(image)));
      assertThatThrownBy(
              () -> local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS))
          .isInstanceOf(CloudImageException.class)
          .hasMessageContaining("missing");
      assertThat(list(local)).extracting(Image::nativeId).containsExactly(image.nativeId());
      try (Stream<Path> trash = Files.list(home().resolve("trash"))) {
        assertThat(trash).isEmpty();
      }
    }
  }

  @Test
  void removingAnImageWhoseDiskIsALinkLeavesItListedAndTheTargetUntouched() throws Exception {
    Path canary = disk("canary.raw", 4096);
    try (LocalProvider local = open()) {
      Image image = importDisk(local, disk("a.raw", 4096), "a");
      Path diskFile = local.diskFile(snapshotOf(image));
      Files.delete(diskFile);
      Files.createSymbolicLink(diskFile, canary);
      assertThatThrownBy(
              () -> local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("link");
      assertThat(list(local)).extracting(Image::nativeId).containsExactly(image.nativeId());
    }
    assertThat(canary).exists();
  }

  // ---- case 8: creating a home races ----

  @Test
  void fourProcessesCreatingOneNewHomeAtOnceAllSucceed() throws Exception {
    Path file = disk("shared.raw", 64 << 10);
    List<Process> processes = new ArrayList<>();
    for (String who : new String[] {"a", "b", "c", "d"}) {
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConcurrentImporter.class.getName(),
                  home().toString(),
                  file.toString(),
                  "1",
                  who)
              .redirectErrorStream(true)
              .start());
    }
    for (Process p : processes) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
    try (LocalProvider local = open()) {
      assertThat(list(local)).hasSize(4);
    }
  }

  @Test
  void threadsCreatingOneNewHomeAtOnceAllSucceed() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  open().close();
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              });
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
  }

  // ---- case 9: listings do not leak descriptors ----

  @Test
  void twoThousandUnclosedListingsDoNotGrowTheOpenDescriptors() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc");
    try (LocalProvider local = open()) {
      importDisk(local, disk("a.raw", 1024), "a");
      local.images(ImageQuery.ALL).toList(); // warm up class loading
      local.snapshots().toList();
      long before = count(fds);
      for (int i = 0; i < 1000; i++) {
        assertThat(local.images(ImageQuery.ALL).toList()).hasSize(1);
        assertThat(local.snapshots().toList()).hasSize(1);
      }
      assertThat(count(fds)).isLessThan(before + 10);
    }
  }

  private static long count(Path fds) throws IOException {
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    }
  }

  // ---- case 12: owner-only files ----

  @Test
  void importedDisksRecordsAndFoldersAreOwnerOnly() throws Exception {
    Path source = disk("private.raw", 4096);
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-------"));
    try (LocalProvider local = open()) {
      Image image = importDisk(local, source, "private");
      Path diskFile = local.diskFile(snapshotOf(image));
      assertThat(perms(diskFile)).isEqualTo("rw-------");
      assertThat(perms(home().resolve("images/" + image.nativeId() + ".json")))
          .isEqualTo("rw-------");
      for (String folder : new String[] {"images", "snapshots", "disks", "disks/hot", "trash"}) {
        assertThat(perms(home().resolve(folder))).as(folder).isEqualTo("rwx------");
      }
      local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      try (Stream<Path> trash = Files.walk(home().resolve("trash"))) {
        for (Path p : trash.skip(1).toList()) {
          Set<PosixFilePermission> set =
              Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
          assertThat(set).as(p.toString()).doesNotContain(PosixFilePermission.OTHERS_READ);
          assertThat(set).as(p.toString()).doesNotContain(PosixFilePermission.GROUP_READ);
        }
      }
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  // ---- case 14b: empty and magic-only files ----

  @Test
  void anEmptyFileIsNotADisk() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.raw"));
    try (LocalProvider local = open()) {
      assertThatThrownBy(() -> importDisk(local, empty, "x"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("empty.raw")
          .hasMessageContaining("empty");
      assertThat(list(local)).isEmpty();
    }
  }

  @Test
  void aFileThatIsOnlyAFormatsMagicIsNotADisk() throws Exception {
    Path qcow = Files.write(dir.resolve("m.qcow2"), new byte[] {'Q', 'F', 'I', (byte) 0xfb});
    Path vhdx = Files.writeString(dir.resolve("m.vhdx"), "vhdxfile");
    try (LocalProvider local = open()) {
      for (Path p : List.of(qcow, vhdx)) {
        assertThatThrownBy(() -> importDisk(local, p, "x"))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(p.getFileName().toString())
            .hasMessageContaining("too short");
      }
      assertThat(list(local)).isEmpty();
    }
  }
}
