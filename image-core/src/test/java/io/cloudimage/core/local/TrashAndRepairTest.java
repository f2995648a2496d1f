package io.cloudimage.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.local.HomeProblem.Kind;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trash a person can use, the write-ahead removal, and `home check` / `home repair`. */
class TrashAndRepairTest {
  @TempDir Path dir;

  private Path home() {
    return dir.resolve("home");
  }

  private LocalProvider open(Clock clock) {
    return LocalProvider.builder().home(home()).clock(clock).build();
  }

  private LocalProvider open() {
    return open(Clock.systemUTC());
  }

  private Image importDisk(LocalProvider local, String name) throws Exception {
    byte[] data = new byte[4096];
    new Random(name.hashCode()).nextBytes(data);
    Path file = Files.write(dir.resolve(name + ".raw"), data);
    return local.importImage(
        ImportRequest.of(file, name, OperatingSystem.parse("debian:12"), Architecture.X86_64),
        ProgressListener.NONE,
        Cancellation.never());
  }

  private static List<String> ids(LocalProvider local) {
    try (Stream<Image> s = local.images(ImageQuery.ALL)) {
      return s.map(Image::nativeId).toList();
    }
  }

  @Test
  void trashListsRemovedImagesWithNameAndExpiryAndRestoresThem() throws Exception {
    Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
    try (LocalProvider local = open(Clock.fixed(t0, ZoneOffset.UTC))) {
      Image image = importDisk(local, "web");
      local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      assertThat(local.trash())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.id()).isEqualTo(image.nativeId());
                assertThat(e.name()).isEqualTo("web");
                assertThat(e.removed()).isEqualTo(t0);
                assertThat(e.expires()).isEqualTo(t0.plus(Duration.ofDays(7)));
              });
      local.restoreFromTrash(image.nativeId());
      assertThat(ids(local)).containsExactly(image.nativeId());
      assertThat(local.trash()).isEmpty();
      assertThatThrownBy(() -> local.restoreFromTrash(image.nativeId()))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void emptyingTheTrashPurgesOnlyOldEntriesAndJournalsEach() throws Exception {
    Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
    try (LocalProvider local = open(Clock.fixed(t0, ZoneOffset.UTC))) {
      local.deregister(importDisk(local, "old").nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
    }
    try (LocalProvider local = open(Clock.fixed(t0.plus(Duration.ofDays(3)), ZoneOffset.UTC))) {
      Image recent = importDisk(local, "recent");
      local.deregister(recent.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      assertThat(local.emptyTrash(Duration.ofDays(2))).isEqualTo(1);
      assertThat(local.trash()).extracting(TrashEntry::id).containsExactly(recent.nativeId());
    }
    assertThat(Journal.verify(home().resolve("journal")).valid()).isTrue();
    assertThat(Journal.readRecords(home().resolve("journal")))
        .filteredOn(r -> r.type().equals("TRASH_PURGE"))
        .hasSize(1);
  }

  @Test
  void aCrashBeforeTheRecordMovedRollsTheRemovalBack() throws Exception {
    Image image;
    try (LocalProvider local = open()) {
      image = importDisk(local, "a");
      local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      // Recreate what a kill -9 after the disk moved but before the record moved leaves.
      Path entry;
      try (Stream<Path> s = Files.list(home().resolve("trash"))) {
        entry = s.findFirst().orElseThrow();
      }
      String json = Files.readString(entry.resolve("entry.json"));
      Files.writeString(entry.resolve("entry.json"), json.replace("\"COMPLETE\"", "\"MOVING\""));
      Path record;
      try (Stream<Path> s = Files.list(entry)) {
        record =
            s.filter(p -> p.toString().endsWith(image.nativeId() + ".json"))
                .findFirst()
                .orElseThrow();
      }
      Files.move(record, home().resolve("images/" + image.nativeId() + ".json"));
    }
    try (LocalProvider local = open()) {
      assertThat(ids(local)).containsExactly(image.nativeId());
      assertThat(local.diskFile(image.guest().deviceBindings().get(0).snapshotId())).exists();
      assertThat(local.trash()).isEmpty();
    }
  }

  @Test
  void aCrashDuringRestoreFinishesTheRestore() throws Exception {
    Image image;
    try (LocalProvider local = open()) {
      image = importDisk(local, "a");
      local.deregister(image.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      Path entry;
      try (Stream<Path> s = Files.list(home().resolve("trash"))) {
        entry = s.findFirst().orElseThrow();
      }
      String json = Files.readString(entry.resolve("entry.json"));
      Files.writeString(entry.resolve("entry.json"), json.replace("\"COMPLETE\"", "\"RESTORING\""));
    }
    try (LocalProvider local = open()) {
      assertThat(ids(local)).containsExactly(image.nativeId());
      assertThat(local.trash()).isEmpty();
    }
  }

  @Test
  void aTrashEntryNamingAPathOutsideTheHomeIsRefused() throws Exception {
    try (LocalProvider local = open()) {
      Image image = importDisk(local, "a");
      local.deregister(image.nativeId(), DeregisterOptions.KEEP_SNAPSHOTS);
      Path entry;
      try (Stream<Path> s = Files.list(home().resolve("trash"))) {
        entry = s.findFirst().orElseThrow();
      }
      String json = Files.readString(entry.resolve("entry.json"));
      Files.writeString(
          entry.resolve("entry.json"),
          json.replace("images/" + image.nativeId() + ".json", "../outside.json"));
      assertThatThrownBy(() -> local.restoreFromTrash(image.nativeId()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("../outside.json");
    }
    assertThat(dir.resolve("outside.json")).doesNotExist();
  }

  @Test
  void homeCheckReportsLinksAndOrphansAndRepairMovesThemToQuarantineJournaled() throws Exception {
    open().close();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path canary = Files.writeString(outside.resolve("canary"), "keep me");
    Path tmp = home().resolve("tmp");
    Files.delete(tmp);
    Files.createSymbolicLink(tmp, outside);
    assertThat(HomeDoctor.check(home()))
        .extracting(HomeProblem::kind, HomeProblem::path)
        .contains(org.assertj.core.groups.Tuple.tuple(Kind.UNSAFE_LINK, tmp));
    assertThatThrownBy(this::open).isInstanceOf(InvalidInputException.class);

    List<HomeProblem> left = HomeDoctor.repair(home(), Clock.systemUTC());

    assertThat(left).extracting(HomeProblem::kind).containsOnly(Kind.QUARANTINED);
    assertThat(Files.isSymbolicLink(tmp)).isFalse();
    assertThat(canary).hasContent("keep me");
    try (LocalProvider local = open()) {
      assertThat(ids(local)).isEmpty();
    }
    assertThat(Journal.readRecords(home().resolve("journal")))
        .filteredOn(r -> r.type().equals("HOME_REPAIR"))
        .isNotEmpty();
  }

  @Test
  void homeCheckReportsABrokenRecordAndRepairLeavesIt() throws Exception {
    open().close();
    Path broken = Files.writeString(home().resolve("images/img-00000000000000ee.json"), "{");
    assertThat(HomeDoctor.check(home()))
        .extracting(HomeProblem::kind)
        .containsExactly(Kind.BROKEN_RECORD);
    assertThat(HomeDoctor.repair(home(), Clock.systemUTC()))
        .extracting(HomeProblem::kind)
        .containsExactly(Kind.BROKEN_RECORD);
    assertThat(broken).hasContent("{");
  }

  @Test
  void theIdentityIsStableAcrossOpeningsAndDiffersBetweenHomes() throws Exception {
    String first;
    try (LocalProvider local = open()) {
      first = local.identity();
    }
    try (LocalProvider local = open()) {
      assertThat(local.identity()).isEqualTo(first).startsWith("local:");
    }
    try (LocalProvider other = LocalProvider.builder().home(dir.resolve("other")).build()) {
      assertThat(other.identity()).isNotEqualTo(first);
    }
  }
}
