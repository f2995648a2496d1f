package io.cloudimage.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.image.DiskImages;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.Sanitization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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

class LocalProviderTest {
  @TempDir Path dir;

  private Path disk(String name, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(dir.resolve(name), data);
  }

  private LocalProvider open() {
    return LocalProvider.builder().home(dir.resolve("home")).build();
  }

  private static List<Image> list(ImageProvider p) {
    try (Stream<Image> s = p.images(ImageQuery.ALL)) {
      return s.toList();
    }
  }

  private static ImportRequest request(Path file, String name) {
    return ImportRequest.of(file, name, OperatingSystem.parse("ubuntu:24.04"), Architecture.ARM64);
  }

  @Test
  void importedImageListsWithItsDigestSizeAndFormat() throws Exception {
    Path file = disk("a.raw", 3 << 20);
    List<Progress> reports = new ArrayList<>();
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(file, "web").withTier(StorageTier.WARM), reports::add, Cancellation.never());
      String sha =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      assertThat(image.storage().digest()).isEqualTo("sha256:" + sha);
      assertThat(image.storage().sizeBytes()).isEqualTo(3 << 20);
      assertThat(image.storage().format()).isEqualTo("raw");
      assertThat(image.storage().tier()).isEqualTo(StorageTier.WARM);
      assertThat(list(local)).containsExactly(image);
      assertThat(local.describe(image.nativeId())).isEqualTo(image);
      assertThat(reports).isNotEmpty().last().extracting(Progress::done).isEqualTo(3L << 20);
      String snap = image.guest().deviceBindings().get(0).snapshotId();
      assertThat(local.diskFile(snap)).startsWith(dir.resolve("home/disks/warm"));
    }
  }

  @Test
  void exportWritesTheDiskInTheAskedFormatAndRefusesTheDiskItselfAsTarget() throws Exception {
    Path file = disk("a.raw", 3 << 20);
    try (LocalProvider local = open()) {
      Image image = local.importImage(request(file, "web"));
      Path out = dir.resolve("web.qcow2");
      local.exportImage(new ExportRequest(image.nativeId(), out.toUri(), "qcow2"));
      assertThat(DiskFormat.detect(out)).isEqualTo(DiskFormat.QCOW2);
      try (VirtualDisk exported = DiskImages.open(out)) {
        assertThat(exported.size()).isEqualTo(3 << 20);
        ByteBuffer all = ByteBuffer.allocate(3 << 20);
        exported.read(0, all);
        assertThat(all.array()).isEqualTo(Files.readAllBytes(file));
      }
      Path own = local.diskFile(image.guest().deviceBindings().get(0).snapshotId());
      byte[] before = Files.readAllBytes(own);
      assertThatThrownBy(
              () -> local.exportImage(new ExportRequest(image.nativeId(), own.toUri(), "raw")))
          .isInstanceOf(InvalidInputException.class);
      assertThat(Files.readAllBytes(own)).isEqualTo(before);
      // Into the home, directly or through a link to one of its folders: refused, nothing written.
      Path intoHome = dir.resolve("home/images/exported.raw");
      assertThatThrownBy(
              () -> local.exportImage(new ExportRequest(image.nativeId(), intoHome.toUri(), "raw")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("inside the local home");
      Path link = Files.createSymbolicLink(dir.resolve("outside"), dir.resolve("home/disks"));
      assertThatThrownBy(
              () ->
                  local.exportImage(
                      new ExportRequest(image.nativeId(), link.resolve("x.raw").toUri(), "raw")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("inside the local home");
      assertThat(intoHome).doesNotExist();
      assertThat(dir.resolve("home/disks/x.raw")).doesNotExist();
    }
  }

  @Test
  void providersFindsTheLocalProviderByName() throws Exception {
    try (ImageProvider p =
        Providers.open("local", ProviderConfig.DEFAULTS.withHome(dir.resolve("home")))) {
      assertThat(p.name()).isEqualTo("local");
    }
    assertThatThrownBy(() -> Providers.open("nope", ProviderConfig.DEFAULTS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("local");
  }

  @Test
  void cancelledImportLeavesNothingBehind() throws Exception {
    Path file = disk("big.raw", 4 << 20);
    Cancellation cancel = Cancellation.create();
    try (LocalProvider local = open()) {
      ProgressListener cancelAfterFirst = p -> cancel.cancel();
      assertThatThrownBy(() -> local.importImage(request(file, "x"), cancelAfterFirst, cancel))
          .isInstanceOf(CancelledException.class);
      assertThat(list(local)).isEmpty();
      try (Stream<Path> tmp = Files.list(dir.resolve("home/tmp"))) {
        assertThat(tmp).isEmpty();
      }
    }
  }

  @Test
  void reopeningAfterACrashMidImportRemovesTheStagedCopyAndQuarantinesTheDisk() throws Exception {
    try (LocalProvider local = open()) {
      local.importImage(
          request(disk("ok.raw", 1024), "ok"), ProgressListener.NONE, Cancellation.never());
    }
    // What a crash leaves: a staged copy, and a disk moved into place whose records were never
    // written.
    Path home = dir.resolve("home");
    Files.write(home.resolve("tmp/snap-00000000000000aa.part"), new byte[10]);
    Files.write(home.resolve("disks/hot/snap-00000000000000bb.raw"), new byte[10]);
    try (LocalProvider local = open()) {
      assertThat(list(local)).extracting(Image::name).containsExactly("ok");
      assertThat(home.resolve("tmp/snap-00000000000000aa.part")).doesNotExist();
      assertThat(home.resolve("disks/hot/snap-00000000000000bb.raw")).doesNotExist();
      try (Stream<Path> q = Files.list(home.resolve("quarantine"))) {
        assertThat(q).singleElement().asString().endsWith("snap-00000000000000bb.raw");
      }
    }
  }

  @Test
  void corruptRecordListsAsOneBrokenImageAndTheRestStillList() throws Exception {
    try (LocalProvider local = open()) {
      local.importImage(
          request(disk("a.raw", 1024), "good"), ProgressListener.NONE, Cancellation.never());
      Files.writeString(dir.resolve("home/images/img-00000000000000ff.json"), "{\"id\": ");
      List<Image> all = list(local);
      assertThat(all).hasSize(2);
      Image broken =
          all.stream().filter(i -> i.state() == ImageState.BROKEN).findFirst().orElseThrow();
      assertThat(broken.nativeId()).isEqualTo("img-00000000000000ff");
      assertThat(broken.description()).contains("not valid JSON");
      assertThat(all).extracting(Image::name).contains("good");
    }
  }

  @Test
  void twoProcessesImportingAtOnceNeverCorruptTheHome() throws Exception {
    Path file = disk("shared.raw", 256 << 10);
    Path home = dir.resolve("home");
    open().close();
    List<Process> processes = new ArrayList<>();
    for (String who : new String[] {"a", "b"}) {
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConcurrentImporter.class.getName(),
                  home.toString(),
                  file.toString(),
                  "10",
                  who)
              .redirectErrorStream(true)
              .start());
    }
    for (Process p : processes) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
    try (LocalProvider local = open()) {
      List<Image> all = list(local);
      assertThat(all)
          .hasSize(20)
          .allSatisfy(i -> assertThat(i.state()).isEqualTo(ImageState.AVAILABLE));
      assertThat(all).extracting(Image::nativeId).doesNotHaveDuplicates();
      try (Stream<Path> disks = Files.list(home.resolve("disks/hot"))) {
        assertThat(disks).hasSize(20);
      }
    }
  }

  @Test
  void snapshotBackingARegisteredImageCannotBeDeleted() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 1024), "a"), ProgressListener.NONE, Cancellation.never());
      String snap = image.guest().deviceBindings().get(0).snapshotId();
      assertThatThrownBy(() -> local.deleteSnapshot(snap))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(image.nativeId());
      local.disable(image.nativeId());
      assertThatThrownBy(() -> local.deleteSnapshot(snap))
          .as("a disabled image still holds its snapshot")
          .isInstanceOf(ConflictException.class);
      local.enable(image.nativeId());
      local.deregister(image.nativeId(), DeregisterOptions.KEEP_SNAPSHOTS);
      local.deleteSnapshot(snap);
      assertThatThrownBy(() -> local.describeSnapshot(snap)).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void inUseOrProtectedImagesRefuseDeregistration() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 1024), "a"), ProgressListener.NONE, Cancellation.never());
      Image launched = local.launch(image.nativeId());
      assertThat(launched.usage().inUse()).isTrue();
      assertThat(launched.usage().lastLaunched()).isNotNull();
      assertThat(local.imagesInUse()).containsExactly(image.nativeId());
      assertThatThrownBy(
              () -> local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS))
          .isInstanceOf(ConflictException.class);
      local.stop(image.nativeId());
      local.protect(image.nativeId());
      assertThatThrownBy(
              () -> local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("protection");
    }
  }

  @Test
  void deregisteredImageWaitsInTheTrashAndComesBack() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 4096), "a"), ProgressListener.NONE, Cancellation.never());
      local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      assertThat(list(local)).isEmpty();
      assertThat(local.recoveryWindow(image.nativeId())).isPresent();
      local.restoreFromTrash(image.nativeId());
      assertThat(local.describe(image.nativeId())).isEqualTo(image);
      assertThat(Files.size(local.diskFile(image.guest().deviceBindings().get(0).snapshotId())))
          .isEqualTo(4096);
    }
  }

  @Test
  void movingATierMovesTheDiskAndUpdatesTheRecords() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 4096), "a"), ProgressListener.NONE, Cancellation.never());
      local.moveTier(
          image.nativeId(), StorageTier.ARCHIVE, ProgressListener.NONE, Cancellation.never());
      String snap = image.guest().deviceBindings().get(0).snapshotId();
      assertThat(local.describe(image.nativeId()).storage().tier()).isEqualTo(StorageTier.ARCHIVE);
      assertThat(local.describeSnapshot(snap).tier()).isEqualTo(StorageTier.ARCHIVE);
      assertThat(local.describeSnapshot(snap).tierChanged()).isNotNull();
      assertThat(local.diskFile(snap)).startsWith(dir.resolve("home/disks/archive")).exists();
    }
  }

  @Test
  void sharingTaggingAndDeprecationPersist() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 1024), "a"), ProgressListener.NONE, Cancellation.never());
      String id = image.nativeId();
      local.share(id, Set.of("123456789012"));
      local.tag(id, Tags.of("team", "web"), Set.of());
      local.deprecate(id, image.created());
      Image now = local.describe(id);
      assertThat(now.usage().visibility()).isEqualTo(Visibility.SHARED);
      assertThat(now.usage().sharing().accounts()).containsExactly("123456789012");
      assertThat(now.tags().get("team")).contains("web");
      assertThat(now.isDeprecatedAt(image.created())).isTrue();
      local.unshare(id, Set.of("123456789012"));
      assertThat(local.describe(id).usage().visibility()).isEqualTo(Visibility.PRIVATE);
    }
  }

  @Test
  void eraseOverwritesThenDeletesAndRecordsHow() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 8192), "a"), ProgressListener.NONE, Cancellation.never());
      Sanitization record =
          local.erase(image.nativeId(), ProgressListener.NONE, Cancellation.never());
      assertThat(record.method()).isEqualTo("CLEAR");
      assertThat(record.detail()).contains("8192 bytes");
      assertThat(record.verification()).contains("all zero");
      assertThat(list(local)).isEmpty();
    }
  }

  @Test
  void copyIsAnIndependentImageWithTheSameBytes() throws Exception {
    try (LocalProvider local = open()) {
      Image image =
          local.importImage(
              request(disk("a.raw", 8192), "a").withFamily("web"),
              ProgressListener.NONE,
              Cancellation.never());
      Image copy =
          local.copyImage(
              io.cloudimage.core.provider.CopyRequest.toRegion(image.nativeId(), "local", "a-copy"),
              ProgressListener.NONE,
              Cancellation.never());
      assertThat(copy.nativeId()).isNotEqualTo(image.nativeId());
      assertThat(copy.storage().digest()).isEqualTo(image.storage().digest());
      assertThat(copy.family()).isEqualTo("web");
      local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      assertThat(Files.size(local.diskFile(copy.guest().deviceBindings().get(0).snapshotId())))
          .isEqualTo(8192);
      assertThatThrownBy(
              () ->
                  local.copyImage(
                      io.cloudimage.core.provider.CopyRequest.toRegion(
                          copy.nativeId(), "eu-west-1", "x"),
                      ProgressListener.NONE,
                      Cancellation.never()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("one region");
    }
  }

  @Test
  void refusesAFolderThatIsNotACloudimageHome() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> LocalProvider.builder().home(other).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a cloudimage home");
    assertThat(other.resolve(LocalHome.MARKER)).doesNotExist();
  }

  @Test
  void missingInputFileIsBadInputNamingThePath() {
    try (LocalProvider local = open()) {
      assertThatThrownBy(
              () ->
                  local.importImage(
                      request(dir.resolve("nope.raw"), "x"),
                      ProgressListener.NONE,
                      Cancellation.never()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("nope.raw");
    }
  }

  @Test
  void idsThatCouldEscapeTheHomeAreBadInputAndWellFormedUnknownIdsAreNotFound() {
    try (LocalProvider local = open()) {
      assertThatThrownBy(() -> local.describe("../../etc/passwd"))
          .isInstanceOf(io.cloudimage.core.error.InvalidInputException.class)
          .hasMessageContaining("not a local image id");
      assertThatThrownBy(() -> local.describe("img-0123456789abcdef"))
          .isInstanceOf(NotFoundException.class)
          .satisfies(
              e ->
                  org.assertj.core.api.Assertions.assertThat(((NotFoundException) e).resourceId())
                      .isEqualTo("img-0123456789abcdef"));
    }
  }
}
