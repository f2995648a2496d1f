package io.cloudimage.core.local;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Sanitization;
import java.io.IOException;
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
          && i.guest().deviceBindings().stream().anyMatch(d -> snapshotId.equals(d.snapshotId()))) {
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
    if (image.usage().deregistrationProtected()) {
      throw new ConflictException(
          "image " + imageId + " has deregistration protection; turn it off first");
    }
    if (image.usage().inUse()) {
      throw new ConflictException("image " + imageId + " is in use; stop its instances first");
    }
    List<Path> disks = new ArrayList<>();
    List<Path> snapshotRecords = new ArrayList<>();
    if (deleteSnapshots) {
      for (DeviceBinding d : image.guest().deviceBindings()) {
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

  /**
   * Erases an image and the snapshots only it holds, write-ahead: its disks and records move into
   * an erasure entry of the trash (described before anything moves, the image record last), then
   * the disks are overwritten with zeros and read back, and everything is deleted, the entry's
   * description last. Killed before the image record moved, opening the home moves everything back
   * and the image is listed; killed after, opening the home finishes the erasure.
   */
  Sanitization erase(Image image, ProgressListener listener, Cancellation cancel, Instant now)
      throws IOException {
    String imageId = image.nativeId();
    if (image.usage().inUse() || image.usage().deregistrationProtected()) {
      throw new ConflictException(
          "image " + imageId + " is in use or protected and cannot be erased");
    }
    List<Path> disks = new ArrayList<>();
    List<Path> snapshotRecords = new ArrayList<>();
    for (DeviceBinding d : image.guest().deviceBindings()) {
      String s = d.snapshotId();
      if (s != null && Confinement.present(home.snapshotFile(s))) {
        requireUnused(s, imageId, "erasing " + imageId + " is");
        Path disk = diskOf(s);
        Confinement.requirePlainFile(disk, "disk");
        disks.add(disk);
        snapshotRecords.add(home.snapshotFile(s));
      }
    }
    cancel.throwIfCancelled("erase " + imageId);
    List<Path> files = new ArrayList<>(disks);
    files.addAll(snapshotRecords);
    files.add(home.imageFile(imageId)); // last: the image is listed until everything moved
    Trash trash = new Trash(home);
    Path entry = trash.moveForErasure(imageId, image.name(), files, now);
    Trash.ErasureDone done = trash.finishErasure(entry, listener, cancel);
    return new Sanitization(
        imageId,
        "CLEAR",
        "overwrote "
            + done.bytes()
            + " bytes with zeros (NIST SP 800-88 Clear), then deleted the disk and records",
        done.verification().isEmpty() ? "no disk data" : done.verification(),
        now);
  }
}
