package io.cloudimage.core.local;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.image.DiskImages;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.spi.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk files of a local home: importing (staged in {@code tmp/}, locked while copied, committed
 * by the image record), copying, exporting, and moving a snapshot's disk between tier folders.
 * Every disk read or moved is first checked to be a plain file, never a link.
 */
final class DiskStore {
  private static final String NAME = LocalProvider.NAME;
  private static final Logger LOG = LoggerFactory.getLogger(DiskStore.class);

  private final LocalHome home;
  private final HomeLock lock;
  private final RecordStore records;
  private final Removal removal;
  private final Clock clock;

  DiskStore(LocalHome home, RecordStore records, Removal removal, Clock clock) {
    this.home = home;
    this.lock = home.lock;
    this.records = records;
    this.removal = removal;
    this.clock = clock;
  }

  /** The disk file holding a snapshot's data. */
  Path diskFile(String snapshotId) {
    Snapshot s = records.describeSnapshot(snapshotId);
    return home.diskFile(s.tier(), s.id(), records.diskFormatOf(s.id()));
  }

  // ---- import, copy, export ----

  /** Stages a copy of the file, then commits its disk, snapshot record and image record. */
  Image importImage(ImportRequest request, Operation operation) {
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
    String imageId = RecordStore.newId("img-");
    String snapshotId = RecordStore.newId("snap-");
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
              records.writeSnapshot(
                  newImportedSnapshot(request, snapshotId, copied.bytes(), image.created()),
                  format.id());
              records.writeImage(image); // the commit point: only now is the image listed
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

  private static Snapshot newImportedSnapshot(
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

  /** Imports the source image's disk again, read in place, as a new image in the one region. */
  Image copyImage(CopyRequest request, Operation operation) {
    if (!NAME.equals(request.targetRegion())) {
      throw new InvalidInputException(
          "the local provider has one region, 'local'; cannot copy to " + request.targetRegion());
    }
    Image source = records.describe(request.sourceImageId());
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

  /** Writes an image's disk to a {@code file:} target outside the home, in the asked format. */
  void exportImage(ExportRequest request, Operation operation) {
    ProgressListener listener = operation.listener();
    Cancellation cancel = operation.cancellation();
    if (!"file".equals(request.target().getScheme())) {
      throw new InvalidInputException(
          "the local provider exports to file: URIs only, not " + request.target());
    }
    Image image = records.describe(request.imageId());
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

  /** The first snapshot an image's devices are bound to. */
  static String backingSnapshot(Image image) {
    for (DeviceBinding d : image.guest().deviceBindings()) {
      String s = d.snapshotId();
      if (s != null) {
        return s;
      }
    }
    throw new NotFoundException("image " + image.nativeId() + " has no backing snapshot");
  }

  // ---- tiers ----

  /**
   * Moves a snapshot's disk (or an image's backing snapshot's) to the tier's folder, and every
   * image on it to the tier; refused while an unreadable record may use the snapshot.
   */
  void moveTier(String resourceId, StorageTier tier) {
    lock.run(
        () -> {
          String snapshotId =
              resourceId.startsWith("snap-")
                  ? resourceId
                  : backingSnapshot(records.describe(resourceId));
          Snapshot s = records.describeSnapshot(snapshotId);
          String format = records.diskFormatOf(snapshotId);
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
            records.writeSnapshot(
                s.toBuilder().tier(tier).tierChanged(clock.instant()).build(), format);
          }
          // Every image on this snapshot now lives on the new tier.
          for (Path file : records.imageFiles()) {
            Image i = records.readImageOrBroken(file);
            if (i.state() != ImageState.BROKEN
                && i.guest().deviceBindings().stream()
                    .anyMatch(d -> snapshotId.equals(d.snapshotId()))
                && i.storage().tier() != tier) {
              records.writeImage(i.toBuilder().tier(tier).build());
            }
          }
        });
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
}
