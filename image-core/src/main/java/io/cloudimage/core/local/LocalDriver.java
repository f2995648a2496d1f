package io.cloudimage.core.local;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.image.DiskImages;
import io.cloudimage.core.journal.Journal;
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
import io.cloudimage.core.pricing.TierProfiles;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local provider's driver: a folder of disk images with JSON metadata. {@link LocalProvider}
 * wraps it in the client; this class holds the store's logic and none of the client's timeouts,
 * retries or metrics.
 *
 * <ul>
 *   <li>Each image is backed by one snapshot, whose data is the disk file in {@code disks/TIER/};
 *       moving a tier moves the file and updates both records.
 *   <li>Writes are atomic and confined to the home: no link is followed, files are owner-only.
 *   <li>Writers in several threads or processes are serialised by the home's lock; readers need
 *       none.
 *   <li>Removal is write-ahead through the trash; recovery never deletes, it quarantines.
 *   <li>A record that cannot be read lists as one {@link ImageState#BROKEN} image.
 * </ul>
 *
 * <p>Over 400 lines because it is the one place where every SPI operation meets the store's
 * records, disks and lock; each operation is a few lines over {@link RecordStore}, {@link Removal},
 * {@link Trash} and {@link Confinement}.
 */
final class LocalDriver implements ImageDriver {
  private static final String NAME = LocalProvider.NAME;
  private static final int PAGE_SIZE = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(LocalDriver.class);
  private static final Pattern IMAGE_ID = Pattern.compile("img-[0-9a-f]{16}");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalHome home;
  private final HomeLock lock;
  private final RecordStore records;
  private final Removal removal;
  private final Clock clock;
  private final Duration trashRetention;
  private final TierProfiles tierProfiles;

  LocalDriver(Path homeDir, Clock clock, Duration trashRetention, TierProfiles tierProfiles) {
    this.clock = clock;
    this.trashRetention = trashRetention;
    this.tierProfiles = tierProfiles;
    this.home = LocalHome.open(homeDir, clock.instant());
    this.lock = home.lock;
    this.records = new RecordStore(home);
    this.removal = new Removal(home, records);
    lock.run(() -> new Recovery(home).run(clock.instant()));
  }

  /** The home folder. */
  public Path home() {
    return home.root;
  }

  /** The tier prices this provider reports with. */
  public TierProfiles tierProfiles() {
    return tierProfiles;
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
    return page(
        records.imageFiles(),
        pageToken,
        file -> {
          Image image = records.readImageOrBroken(file);
          return query.matches(image) ? Stream.of(image) : Stream.empty();
        });
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    return page(
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

  /**
   * One page of records: those whose file names sort after {@code after}, up to {@link #PAGE_SIZE};
   * the token is the last name read.
   */
  private static <T> Page<T> page(
      List<Path> files, @Nullable String after, Function<Path, Stream<T>> read) {
    List<String> names = new ArrayList<>(files.size());
    Map<String, Path> byName = new HashMap<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (after == null || n.compareTo(after) > 0) {
        names.add(n);
        byName.put(n, f);
      }
    }
    Collections.sort(names);
    List<T> items = new ArrayList<>();
    int end = Math.min(names.size(), PAGE_SIZE);
    for (int i = 0; i < end; i++) {
      read.apply(byName.get(names.get(i))).forEach(items::add);
    }
    String next = end < names.size() ? names.get(end - 1) : null;
    return new Page<>(items, next);
  }

  @Override
  public Image describeImage(String imageId) {
    return describe(imageId);
  }

  Image describe(String imageId) {
    return readImage(existingImageFile(imageId));
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    Path file = home.snapshotFile(checkSnapshotId(snapshotId));
    if (!Confinement.present(file)) {
      throw new NotFoundException(
          "no snapshot " + snapshotId + " in local home " + home.root,
          snapshotId,
          null,
          null,
          null);
    }
    return readSnapshot(file);
  }

  private Path existingImageFile(String imageId) {
    Path file = home.imageFile(checkImageId(imageId));
    if (!Confinement.present(file)) {
      throw new NotFoundException(
          "no image " + imageId + " in local home " + home.root, imageId, null, null, null);
    }
    return file;
  }

  private static String checkImageId(String id) {
    if (!IMAGE_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "'" + id + "' is not a local image id (img- and 16 hex digits)");
    }
    return id;
  }

  private static String checkSnapshotId(String id) {
    if (!SNAPSHOT_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "'" + id + "' is not a local snapshot id (snap- and 16 hex digits)");
    }
    return id;
  }

  private Image readImage(Path file) {
    return records.readImage(file);
  }

  private Snapshot readSnapshot(Path file) {
    return records.readSnapshot(file);
  }

  private String diskFormatOf(String snapshotId) {
    return records.diskFormatOf(snapshotId);
  }

  /** The disk file holding a snapshot's data. */
  public Path diskFile(String snapshotId) {
    Snapshot s = describeSnapshot(snapshotId);
    return home.diskFile(s.tier(), s.id(), diskFormatOf(s.id()));
  }

  // ---- writing records ----

  private void writeImage(Image image) {
    records.writeImage(image);
  }

  private void writeSnapshot(Snapshot snapshot, String diskFormat) {
    records.writeSnapshot(snapshot, diskFormat);
  }

  private static String newId(String prefix) {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  /** Rewrites an image's record under the lock. */
  private Image update(String imageId, java.util.function.UnaryOperator<Image> change) {
    return lock.locked(
        () -> {
          Image updated = change.apply(describe(imageId));
          writeImage(updated);
          return updated;
        });
  }

  // ---- import, create, copy, export ----

  @Override
  public Image importImage(ImportRequest request, Operation operation) {
    ProgressListener listener = operation.listener();
    Cancellation cancel = operation.cancellation();
    Path source = request.file();
    if (!Files.isRegularFile(source)) {
      throw new InvalidInputException(source + " does not exist or is not a regular file");
    }
    if (!Files.isReadable(source)) {
      throw new InvalidInputException(source + " cannot be read: permission denied");
    }
    DiskFormat format = DiskSource.check(source);
    String imageId = newId("img-");
    String snapshotId = newId("snap-");
    Path staged = home.tmp.resolve(snapshotId + ".part");
    // The staged file is created and locked under the home lock, and stays locked until it is
    // committed, so that another process's recovery (which runs under the home lock) never takes a
    // live import for the leftovers of a crash.
    try (FileChannel out = lock.locked(() -> openLocked(staged))) {
      StreamCopy.Result copied =
          StreamCopy.copy(source, out, "import " + source.getFileName(), listener, cancel);
      Image image = newImportedImage(request, imageId, snapshotId, format, copied);
      Path disk = home.diskFile(request.tier(), snapshotId, format.id());
      return lock.locked(
          () -> {
            try {
              Confinement.move(staged, disk);
              writeSnapshot(
                  newImportedSnapshot(request, snapshotId, copied.bytes(), image.created()),
                  format.id());
              writeImage(image); // the commit point: only now is the image listed
              return image;
            } catch (IOException | RuntimeException e) {
              // Nothing lists these yet, and the lock proves this process made them.
              deleteQuietly(disk);
              deleteQuietly(home.snapshotFile(snapshotId));
              throw e;
            }
          });
    } catch (IOException e) {
      throw new CloudImageException("importing " + source + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staged);
    }
  }

  private Snapshot newImportedSnapshot(
      ImportRequest request, String snapshotId, long size, Instant now) {
    return Snapshot.builder()
        .id(snapshotId)
        .provider(NAME)
        .region(NAME)
        .description("disk of " + request.name())
        .volumeSizeBytes(size)
        .fullSizeBytes(size)
        .incrementalSizeBytes(size)
        .created(now)
        .tier(request.tier())
        .build();
  }

  private Image newImportedImage(
      ImportRequest request,
      String imageId,
      String snapshotId,
      DiskFormat format,
      StreamCopy.Result copied) {
    long size = copied.bytes();
    return Image.builder()
        .id(new ImageId(NAME, NAME, imageId))
        .name(request.name())
        .description(request.description())
        .architecture(request.architecture())
        .os(request.os())
        .created(clock.instant())
        .tier(request.tier())
        .tags(request.tags())
        .family(request.family())
        .sizeBytes(size)
        .rootDevice("/dev/sda")
        .deviceBindings(List.of(DeviceBinding.of("/dev/sda", size, snapshotId)))
        .format(format.id())
        .digest("sha256:" + copied.sha256())
        .build();
  }

  @Override
  public Image createImage(CreateRequest request, Operation operation) {
    Snapshot snapshot = describeSnapshot(request.source());
    Instant now = clock.instant();
    Image image =
        Image.builder()
            .id(new ImageId(NAME, NAME, newId("img-")))
            .name(request.name())
            .description(request.description())
            .architecture(Architecture.X86_64)
            .os(OperatingSystem.of(OsFamily.OTHER, "unknown"))
            .created(now)
            .tier(snapshot.tier())
            .tags(request.tags())
            .sizeBytes(snapshot.fullSizeBytes())
            .rootDevice("/dev/sda")
            .deviceBindings(
                List.of(DeviceBinding.of("/dev/sda", snapshot.volumeSizeBytes(), snapshot.id())))
            .format(diskFormatOf(snapshot.id()))
            .build();
    return lock.locked(
        () -> {
          describeSnapshot(snapshot.id()); // still there under the lock
          writeImage(image);
          return image;
        });
  }

  /**
   * Registers a new image on an existing image's snapshot, copying the source's facts (OS,
   * architecture, tags); used to model several images sharing one snapshot.
   */
  public Image registerFromSnapshotOf(String sourceImageId, String name) {
    Image source = describe(sourceImageId);
    Image image =
        source.toBuilder()
            .id(new ImageId(NAME, NAME, newId("img-")))
            .name(name)
            .created(clock.instant())
            .lastLaunched(null)
            .deprecation(null)
            .inUse(false)
            .deregistrationProtected(false)
            .state(ImageState.AVAILABLE)
            .build();
    return lock.locked(
        () -> {
          writeImage(image);
          return image;
        });
  }

  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    if (!NAME.equals(request.targetRegion())) {
      throw new InvalidInputException(
          "the local provider has one region, 'local'; cannot copy to " + request.targetRegion());
    }
    Image source = describe(request.sourceImageId());
    // The source disk is read in place; the import stages and commits the copy like any other.
    Path disk = plainDisk(backingSnapshot(source));
    return importImage(
        new ImportRequest(
            disk,
            request.name(),
            source.platform().os(),
            source.platform().architecture(),
            source.storage().tier(),
            source.tags(),
            source.description(),
            source.family()),
        operation);
  }

  @Override
  public void exportImage(ExportRequest request, Operation operation) {
    ProgressListener listener = operation.listener();
    Cancellation cancel = operation.cancellation();
    if (!"file".equals(request.target().getScheme())) {
      throw new InvalidInputException(
          "the local provider exports to file: URIs only, not " + request.target());
    }
    Image image = describe(request.imageId());
    Path disk = plainDisk(backingSnapshot(image));
    Path target = Path.of(request.target());
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new InvalidInputException(target + " names no file");
    }
    refuseInsideHome(parent, target);
    DiskFormat format = DiskFormat.parse(request.format());
    // The writer makes a temporary file beside the target and renames it only when whole, and
    // refuses a target that is the disk itself.
    try (VirtualDisk source = DiskImages.open(disk)) {
      DiskImages.write(source, target, format, null, listener, cancel, disk);
    }
  }

  /**
   * Refuses an export whose folder is in the home, followed through links: a file written there
   * would be an orphan the home does not account for, or land over one of its own files.
   */
  private void refuseInsideHome(Path parent, Path target) {
    try {
      Path folder = parent.toRealPath();
      Path root = home.root.toRealPath();
      if (folder.startsWith(root)) {
        throw new InvalidInputException(
            "cannot export to "
                + target
                + ": it is inside the local home "
                + root
                + "; export to a folder outside it");
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot export to " + target + ": no folder " + parent, e);
    } catch (IOException e) {
      throw new UncheckedIOException("resolving " + parent, e);
    }
  }

  /** A snapshot's disk file, refused when it is a link or has another name (a hard link). */
  private Path plainDisk(String snapshotId) {
    Path disk = diskFile(snapshotId);
    Confinement.requirePlainFile(disk, "disk");
    return disk;
  }

  private static String backingSnapshot(Image image) {
    for (DeviceBinding d : image.guest().deviceBindings()) {
      String s = d.snapshotId();
      if (s != null) {
        return s;
      }
    }
    throw new NotFoundException("image " + image.nativeId() + " has no backing snapshot");
  }

  // ---- state changes ----

  @Override
  public void deprecate(String imageId, Instant at) {
    update(imageId, i -> i.toBuilder().deprecation(at).build());
  }

  @Override
  public void undeprecate(String imageId) {
    update(imageId, i -> i.toBuilder().deprecation(null).build());
  }

  @Override
  public void disable(String imageId) {
    update(imageId, i -> i.toBuilder().state(ImageState.DISABLED).build());
  }

  @Override
  public void enable(String imageId) {
    update(imageId, i -> i.toBuilder().state(ImageState.AVAILABLE).build());
  }

  @Override
  public void protect(String imageId) {
    update(imageId, i -> i.toBuilder().deregistrationProtected(true).build());
  }

  @Override
  public void unprotect(String imageId) {
    update(imageId, i -> i.toBuilder().deregistrationProtected(false).build());
  }

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    if (resourceId.startsWith("snap-")) {
      lock.run(
          () -> {
            Snapshot s = describeSnapshot(resourceId);
            writeSnapshot(
                s.toBuilder().tags(retag(s.tags(), add, remove)).build(), diskFormatOf(resourceId));
          });
      return;
    }
    update(resourceId, i -> i.toBuilder().tags(retag(i.tags(), add, remove)).build());
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
    update(
        imageId,
        i -> {
          Sharing sharing = i.usage().sharing().withAccounts(accounts);
          return i.toBuilder().sharing(sharing).visibility(visibility(i, sharing)).build();
        });
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    update(
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

  /**
   * Records a launch: sets {@code lastLaunched} to now and marks the image in use until {@link
   * #stop(String)}.
   *
   * @throws ConflictException when the image is disabled, deregistering or broken
   */
  public Image launch(String imageId) {
    return update(
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
  public Image stop(String imageId) {
    return update(imageId, i -> i.toBuilder().inUse(false).build());
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

  // ---- tiers ----

  @Override
  public void moveTier(String resourceId, StorageTier tier, Operation operation) {
    lock.run(
        () -> {
          String snapshotId =
              resourceId.startsWith("snap-") ? resourceId : backingSnapshot(describe(resourceId));
          Snapshot s = describeSnapshot(snapshotId);
          String format = diskFormatOf(snapshotId);
          List<String> unreadable =
              removal.usersOf(snapshotId, null).stream().filter(u -> u.contains(" ")).toList();
          if (!unreadable.isEmpty()) {
            throw new ConflictException(
                "snapshot "
                    + snapshotId
                    + " may back "
                    + String.join(", ", unreadable)
                    + "; moving its tier is refused until `home check` shows the record fixed");
          }
          if (s.tier() != tier) {
            Path from = home.diskFile(s.tier(), snapshotId, format);
            Path to = home.diskFile(tier, snapshotId, format);
            Confinement.requirePlainFile(from, "disk");
            Confinement.move(from, to);
            writeSnapshot(s.toBuilder().tier(tier).tierChanged(clock.instant()).build(), format);
          }
          // Every image on this snapshot now lives on the new tier.
          for (Path file : records.imageFiles()) {
            Image i = records.readImageOrBroken(file);
            if (i.state() != ImageState.BROKEN
                && i.guest().deviceBindings().stream()
                    .anyMatch(d -> snapshotId.equals(d.snapshotId()))
                && i.storage().tier() != tier) {
              writeImage(i.toBuilder().tier(tier).build());
            }
          }
        });
  }

  /**
   * Restores to the hot tier; the local provider restores for good, so {@code keepFor} is unused.
   */
  @Override
  public void restoreTier(String resourceId, Duration keepFor, Operation operation) {
    moveTier(resourceId, StorageTier.HOT, operation);
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
        () -> removal.deregister(describe(imageId), options.deletesSnapshots(), clock.instant()));
  }

  /**
   * Moves a snapshot to the trash, refusing one that backs an image — or may back one whose record
   * cannot be read ({@link ImageState#BROKEN}).
   */
  @Override
  public void deleteSnapshot(String snapshotId) {
    lock.run(
        () -> {
          describeSnapshot(snapshotId);
          removal.deleteSnapshot(snapshotId, clock.instant());
        });
  }

  @Override
  public Optional<Duration> recoveryWindow(String resourceId) {
    return trashRetention.isZero() ? Optional.empty() : Optional.of(trashRetention);
  }

  /** What waits in the trash, oldest first. */
  public List<TrashEntry> trash() {
    return new Trash(home).list(trashRetention);
  }

  /**
   * Brings a deregistered image or deleted snapshot back from the trash.
   *
   * @throws NotFoundException when it is not in the trash (never there, or purged)
   * @throws ConflictException when something already has one of its names
   */
  public void restoreFromTrash(String resourceId) {
    lock.run(() -> new Trash(home).restore(resourceId));
  }

  /** Permanently removes trash entries older than the retention; returns how many went. */
  public int emptyTrash() {
    return emptyTrash(trashRetention);
  }

  /**
   * Permanently removes trash entries removed more than {@code olderThan} ago, recording each in
   * the home's journal ({@code journal/}) before it goes; returns how many went.
   */
  public int emptyTrash(Duration olderThan) {
    if (olderThan.isNegative()) {
      throw new InvalidInputException("emptyTrash: olderThan must be >= 0, was " + olderThan);
    }
    return lock.locked(
        () -> {
          try (Journal journal = Journal.open(home.journal, clock)) {
            return new Trash(home).purge(clock.instant().minus(olderThan), journal);
          }
        });
  }

  @Override
  public Sanitization erase(String imageId, Operation operation) {
    ProgressListener listener = operation.listener();
    Cancellation cancel = operation.cancellation();
    return lock.locked(() -> removal.erase(describe(imageId), listener, cancel, clock.instant()));
  }

  /** Creates a staging file and takes its lock; closing the channel releases the lock. */
  private static FileChannel openLocked(Path staged) throws IOException {
    FileChannel ch = Confinement.createNew(staged);
    try {
      ch.lock();
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (NoSuchFileException ignored) {
      // already gone
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", p, e.getMessage());
    }
  }

  @Override
  public void close() {
    // nothing held open between calls
  }
}
