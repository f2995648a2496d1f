package io.cloudimage.core.local;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.Sanitization;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local provider's driver: a folder of disk images with JSON metadata. {@link LocalProvider}
 * wraps it in the client; this class holds none of the client's timeouts, retries or metrics.
 *
 * <p>Each SPI operation is a few lines over the classes that do the work, one per job:
 *
 * <ul>
 *   <li>{@link RecordStore}: image and snapshot records, lookups by id and pages of listings;
 *   <li>{@link DiskStore}: importing, copying, exporting and moving disks between tiers;
 *   <li>{@link Recovery}: what opening the home does about interrupted work;
 *   <li>{@link Removal}, {@link Trash} and {@link Overwrite}: deregistering, deleting and erasing,
 *       write-ahead through the trash;
 *   <li>{@link LocalExtras}: launching, stopping and the trash, which only a local home offers.
 * </ul>
 *
 * <p>Writes are atomic and confined to the home; writers in several threads or processes are
 * serialised by the home's lock, readers need none. A record that cannot be read lists as one
 * {@link ImageState#BROKEN} image.
 */
final class LocalDriver implements ImageDriver {
  private static final String NAME = LocalProvider.NAME;
  private static final Logger LOG = LoggerFactory.getLogger(LocalDriver.class);

  private final LocalHome home;
  private final HomeLock lock;
  private final RecordStore records;
  private final DiskStore disks;
  private final Removal removal;
  private final LocalExtras extras;
  private final Clock clock;
  private final Duration trashRetention;
  private final TierPrices tierPrices;

  LocalDriver(Path homeDir, Clock clock, Duration trashRetention, TierPrices tierPrices) {
    this.clock = clock;
    this.trashRetention = trashRetention;
    this.tierPrices = tierPrices;
    this.home = LocalHome.open(homeDir, clock.instant());
    this.lock = home.lock;
    this.records = new RecordStore(home);
    this.removal = new Removal(home, records);
    this.disks = new DiskStore(home, records, removal, clock);
    this.extras = new LocalExtras(home, records, clock, trashRetention);
    lock.run(() -> new Recovery(home).run(clock.instant()));
  }

  /** The home folder. */
  Path home() {
    return home.root;
  }

  /** The tier prices this provider reports with. */
  TierPrices tierPrices() {
    return tierPrices;
  }

  /** Launching, stopping and the trash: what only a local home offers. */
  LocalExtras extras() {
    return extras;
  }

  /** The disk file holding a snapshot's data. */
  Path diskFile(String snapshotId) {
    return disks.diskFile(snapshotId);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String region() {
    return NAME;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.all();
  }

  /** {@code local:} and the random id written into the home when it was made. */
  @Override
  public String identity() {
    return NAME + ":" + home.id();
  }

  // ---- listing and describing ----

  @Override
  public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
    // The folder's names are read at once and the folder closed: nothing stays open between pages.
    return RecordStore.page(
        records.imageFiles(),
        pageToken,
        file -> {
          Image image = records.readImageOrBroken(file);
          return query.matches(image) ? Stream.of(image) : Stream.empty();
        });
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    return RecordStore.page(
        records.snapshotFiles(),
        pageToken,
        file -> {
          try {
            return Stream.of(records.readSnapshot(file));
          } catch (CloudImageException e) {
            LOG.warn("skipping unreadable snapshot record {}: {}", file, e.getMessage());
            return Stream.empty();
          }
        });
  }

  @Override
  public Image describeImage(String imageId) {
    return records.describe(imageId);
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    return records.describeSnapshot(snapshotId);
  }

  @Override
  public Set<String> imagesInUse() {
    Set<String> inUse = new HashSet<>();
    for (Path file : records.imageFiles()) {
      Image i = records.readImageOrBroken(file);
      if (i.usage().inUse()) {
        inUse.add(i.nativeId());
      }
    }
    return inUse;
  }

  // ---- import, create, copy, export ----

  @Override
  public Image importImage(ImportRequest request, Operation operation) {
    return disks.importImage(request, operation);
  }

  @Override
  public Image createImage(CreateRequest request, Operation operation) {
    Snapshot snapshot = records.describeSnapshot(request.source());
    Image image =
        Image.builder()
            .id(new ImageId(NAME, NAME, RecordStore.newId("img-")))
            .name(request.name())
            .description(request.description())
            .architecture(Architecture.X86_64)
            .os(OperatingSystem.of(OsFamily.OTHER, "unknown"))
            .created(clock.instant())
            .tier(snapshot.tier())
            .tags(request.tags())
            .sizeBytes(snapshot.fullSizeBytes())
            .rootDevice("/dev/sda")
            .deviceBindings(
                List.of(DeviceBinding.of("/dev/sda", snapshot.volumeSizeBytes(), snapshot.id())))
            .format(records.diskFormatOf(snapshot.id()))
            .build();
    return lock.locked(
        () -> {
          records.describeSnapshot(snapshot.id()); // still there under the lock
          records.writeImage(image);
          return image;
        });
  }

  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    return disks.copyImage(request, operation);
  }

  @Override
  public void exportImage(ExportRequest request, Operation operation) {
    disks.exportImage(request, operation);
  }

  // ---- state changes ----

  @Override
  public void deprecate(String imageId, Instant at) {
    records.update(imageId, i -> i.toBuilder().deprecation(at).build());
  }

  @Override
  public void undeprecate(String imageId) {
    records.update(imageId, i -> i.toBuilder().deprecation(null).build());
  }

  @Override
  public void disable(String imageId) {
    records.update(imageId, i -> i.toBuilder().state(ImageState.DISABLED).build());
  }

  @Override
  public void enable(String imageId) {
    records.update(imageId, i -> i.toBuilder().state(ImageState.AVAILABLE).build());
  }

  @Override
  public void protect(String imageId) {
    records.update(imageId, i -> i.toBuilder().deregistrationProtected(true).build());
  }

  @Override
  public void unprotect(String imageId) {
    records.update(imageId, i -> i.toBuilder().deregistrationProtected(false).build());
  }

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    if (resourceId.startsWith("snap-")) {
      lock.run(
          () -> {
            Snapshot s = records.describeSnapshot(resourceId);
            records.writeSnapshot(
                s.toBuilder().tags(retag(s.tags(), add, remove)).build(),
                records.diskFormatOf(resourceId));
          });
      return;
    }
    records.update(resourceId, i -> i.toBuilder().tags(retag(i.tags(), add, remove)).build());
  }

  private static Tags retag(Tags tags, Tags add, Set<String> remove) {
    Tags result = tags.with(add);
    for (String key : remove) {
      result = result.without(key);
    }
    return result;
  }

  @Override
  public void share(String imageId, Set<String> accounts) {
    records.update(
        imageId,
        i -> {
          Sharing sharing = i.usage().sharing().withAccounts(accounts);
          return i.toBuilder().sharing(sharing).visibility(visibility(i, sharing)).build();
        });
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    records.update(
        imageId,
        i -> {
          Sharing sharing = i.usage().sharing().withoutAccounts(accounts);
          return i.toBuilder().sharing(sharing).visibility(visibility(i, sharing)).build();
        });
  }

  private static Visibility visibility(Image image, Sharing sharing) {
    if (image.usage().visibility() == Visibility.PUBLIC) {
      return Visibility.PUBLIC;
    }
    return sharing.isShared() ? Visibility.SHARED : Visibility.PRIVATE;
  }

  // ---- tiers ----

  @Override
  public void moveTier(String resourceId, StorageTier tier, Operation operation) {
    disks.moveTier(resourceId, tier);
  }

  /**
   * Restores to the hot tier; the local provider restores for good, so {@code keepFor} is unused.
   */
  @Override
  public void restoreTier(String resourceId, Duration keepFor, Operation operation) {
    disks.moveTier(resourceId, StorageTier.HOT);
  }

  // ---- deletion ----

  /**
   * Moves the image (and, when asked, the snapshots only it holds) to the trash: the trash entry's
   * description first, then the disks, the record last; on any failure everything moves back and
   * the image stays listed.
   */
  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    lock.run(
        () ->
            removal.deregister(
                records.describe(imageId), options.deletesSnapshots(), clock.instant()));
  }

  /**
   * Moves a snapshot to the trash, refusing one that backs an image — or may back one whose record
   * cannot be read ({@link ImageState#BROKEN}).
   */
  @Override
  public void deleteSnapshot(String snapshotId) {
    lock.run(
        () -> {
          records.describeSnapshot(snapshotId);
          removal.deleteSnapshot(snapshotId, clock.instant());
        });
  }

  @Override
  public Optional<Duration> recoveryWindow(String resourceId) {
    return trashRetention.isZero() ? Optional.empty() : Optional.of(trashRetention);
  }

  @Override
  public Sanitization erase(String imageId, Operation operation) {
    return lock.locked(
        () ->
            removal.erase(
                records.describe(imageId),
                operation.listener(),
                operation.cancellation(),
                clock.instant()));
  }

  @Override
  public void close() {
    // nothing held open between calls
  }
}
