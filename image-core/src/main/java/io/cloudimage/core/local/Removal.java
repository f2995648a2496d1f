package io.cloudimage.core.local;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.model.DeviceBinding;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Sanitization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Deregistration, snapshot deletion and erasure of a local home; callers hold the home lock.
 *
 * <p>A snapshot counts as used by every readable image bound to it and, failing closed, by every
 * BROKEN image record that {@link RecordStore#mayReference may reference} it: such a snapshot is
 * never deleted, moved or erased.
 */
final class Removal {
  private final LocalHome home;
  private final RecordStore records;

  Removal(LocalHome home, RecordStore records) {
    this.home = home;
    this.records = records;
  }

  /** The images (other than {@code except}) that hold or may hold a snapshot, with why. */
  List<String> usersOf(String snapshotId, @Nullable String except) {
    List<String> users = new ArrayList<>();
    for (Path file : records.imageFiles()) {
      String id = RecordStore.idOf(file);
      if (id.equals(except)) {
        continue;
      }
      Image i = records.readImageOrBroken(file);
      if (i.state() == ImageState.BROKEN) {
        if (RecordStore.mayReference(file, snapshotId)) {
          users.add(id + " (its record cannot be read, so it may use the snapshot)");
        }
      } else if (i.state().holdsStorage()
          && i.deviceBindings().stream().anyMatch(d -> snapshotId.equals(d.snapshotId()))) {
        users.add(id);
      }
    }
    return users;
  }

  /** Refuses when anything other than {@code except} holds the snapshot. */
  void requireUnused(String snapshotId, @Nullable String except, String what) {
    List<String> users = usersOf(snapshotId, except);
    if (!users.isEmpty()) {
      throw new ConflictException(
          "snapshot "
              + snapshotId
              + " backs registered image(s) "
              + String.join(", ", users)
              + "; "
              + what
              + " refused (InvalidSnapshot.InUse)");
    }
  }

  /** Moves an image (and its snapshots only it holds) to the trash, record last. */
  void deregister(Image image, boolean deleteSnapshots, Instant now) throws IOException {
    String imageId = image.nativeId();
    if (image.deregistrationProtected()) {
      throw new ConflictException(
          "image " + imageId + " has deregistration protection; turn it off first");
    }
    if (image.inUse()) {
      throw new ConflictException("image " + imageId + " is in use; stop its instances first");
    }
    List<Path> disks = new ArrayList<>();
    List<Path> snapshotRecords = new ArrayList<>();
    if (deleteSnapshots) {
      for (DeviceBinding d : image.deviceBindings()) {
        String s = d.snapshotId();
        if (s != null
            && Confinement.present(home.snapshotFile(s))
            && usersOf(s, imageId).isEmpty()) {
          disks.add(diskOf(s));
          snapshotRecords.add(home.snapshotFile(s));
        }
      }
    }
    List<Path> files = new ArrayList<>(disks);
    files.addAll(snapshotRecords);
    files.add(home.imageFile(imageId)); // last: the image is listed until everything moved
    new Trash(home).remove(imageId, image.name(), files, now);
  }

  /** Moves an unused snapshot to the trash, record last. */
  void deleteSnapshot(String snapshotId, Instant now) throws IOException {
    requireUnused(snapshotId, null, "deleting it is");
    new Trash(home)
        .remove(snapshotId, null, List.of(diskOf(snapshotId), home.snapshotFile(snapshotId)), now);
  }

  private Path diskOf(String snapshotId) {
    Snapshot snap = records.readSnapshot(home.snapshotFile(snapshotId));
    return home.diskFile(snap.tier(), snapshotId, records.diskFormatOf(snapshotId));
  }

  /** Overwrites an image's own disks, then deletes them and its records. */
  Sanitization erase(Image image, ProgressListener listener, Cancellation cancel, Instant now)
      throws IOException {
    String imageId = image.nativeId();
    if (image.inUse() || image.deregistrationProtected()) {
      throw new ConflictException(
          "image " + imageId + " is in use or protected and cannot be erased");
    }
    List<String> snapshots = new ArrayList<>();
    for (DeviceBinding d : image.deviceBindings()) {
      String s = d.snapshotId();
      if (s != null && Confinement.present(home.snapshotFile(s))) {
        requireUnused(s, imageId, "erasing " + imageId + " is");
        Confinement.requirePlainFile(diskOf(s), "disk");
        snapshots.add(s);
      }
    }
    long bytes = 0;
    StringBuilder verified = new StringBuilder();
    for (String s : snapshots) {
      Path disk = diskOf(s);
      bytes += Overwrite.clear(disk, listener, cancel);
      verified.append(disk.getFileName()).append(": read back all zero; ");
      Files.delete(disk);
      Files.delete(home.snapshotFile(s));
    }
    Files.delete(home.imageFile(imageId));
    JsonFiles.fsyncDirectory(home.images);
    return new Sanitization(
        imageId,
        "CLEAR",
        "overwrote "
            + bytes
            + " bytes with zeros (NIST SP 800-88 Clear), then deleted the disk and records",
        verified.length() == 0 ? "no disk data" : verified.toString().trim(),
        now);
  }
}
