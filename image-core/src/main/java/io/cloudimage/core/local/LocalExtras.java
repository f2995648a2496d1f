package io.cloudimage.core.local;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What only a local home offers beyond the SPI: launching and stopping (to model use), registering
 * several images on one snapshot, and the trash (listing, restoring, emptying). {@link
 * LocalProvider} exposes each through the client.
 */
final class LocalExtras {
  private static final String NAME = LocalProvider.NAME;

  private final LocalHome home;
  private final RecordStore records;
  private final Clock clock;
  private final Duration trashRetention;

  LocalExtras(LocalHome home, RecordStore records, Clock clock, Duration trashRetention) {
    this.home = home;
    this.records = records;
    this.clock = clock;
    this.trashRetention = trashRetention;
  }

  /**
   * Registers a new image on an existing image's snapshot, copying the source's facts (OS,
   * architecture, tags); used to model several images sharing one snapshot.
   */
  Image registerFromSnapshotOf(String sourceImageId, String name) {
    Image source = records.describe(sourceImageId);
    Image image =
        source.toBuilder()
            .id(new ImageId(NAME, NAME, RecordStore.newId("img-")))
            .name(name)
            .created(clock.instant())
            .lastLaunched(null)
            .deprecation(null)
            .inUse(false)
            .deregistrationProtected(false)
            .state(ImageState.AVAILABLE)
            .build();
    return home.lock.locked(
        () -> {
          records.writeImage(image);
          return image;
        });
  }

  /**
   * Records a launch: sets {@code lastLaunched} to now and marks the image in use until {@link
   * #stop(String)}.
   *
   * @throws ConflictException when the image is disabled, deregistering or broken
   */
  Image launch(String imageId) {
    return records.update(
        imageId,
        i -> {
          if (i.state() != ImageState.AVAILABLE) {
            throw new ConflictException(
                "image " + imageId + " is " + i.state() + " and cannot be launched");
          }
          return i.toBuilder().lastLaunched(clock.instant()).inUse(true).build();
        });
  }

  /** Records that the image's instances stopped: it is no longer in use. */
  Image stop(String imageId) {
    return records.update(imageId, i -> i.toBuilder().inUse(false).build());
  }

  /** What waits in the trash, oldest first. */
  List<TrashEntry> trash() {
    return new Trash(home).list(trashRetention);
  }

  /**
   * Brings a deregistered image or deleted snapshot back from the trash.
   *
   * @throws NotFoundException when it is not in the trash (never there, or purged)
   * @throws ConflictException when something already has one of its names
   */
  void restoreFromTrash(String resourceId) {
    home.lock.run(() -> new Trash(home).restore(resourceId));
  }

  /** Permanently removes trash entries older than the retention; returns how many went. */
  int emptyTrash() {
    return emptyTrash(trashRetention);
  }

  /**
   * Permanently removes trash entries removed more than {@code olderThan} ago, recording each in
   * the home's journal ({@code journal/}) before it goes; returns how many went.
   */
  int emptyTrash(Duration olderThan) {
    if (olderThan.isNegative()) {
      throw new InvalidInputException("emptyTrash: olderThan must be >= 0, was " + olderThan);
    }
    return home.lock.locked(
        () -> {
          try (Journal journal = Journal.open(home.journal, clock)) {
            return new Trash(home).purge(clock.instant().minus(olderThan), journal);
          }
        });
  }
}
