package io.cloudimage.core.local;

import io.cloudimage.core.model.StorageTier;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What opening a home does about interrupted work, under the home lock. It never deletes data:
 *
 * <ul>
 *   <li>half-done trash moves are finished or undone ({@link TrashRecovery});
 *   <li>a disk with no snapshot record moves to {@code quarantine/}, and is reported;
 *   <li>only a staged import in {@code tmp/} that no live process holds locked is removed: its lock
 *       proves the crashed importer owned it, and its data is a copy of the import's source.
 * </ul>
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final LocalHome home;

  Recovery(LocalHome home) {
    this.home = home;
  }

  /** Runs every step; returns what it did, one line each. */
  List<String> run(Instant now) throws IOException {
    List<String> done = new ArrayList<>(new TrashRecovery(home).recover());
    removeAbandonedStaging(done);
    for (Path disk : orphanDisks()) {
      Path to = quarantine(disk, now);
      String line = disk + " had no snapshot record; moved to " + to;
      LOG.warn("local home {}: {}", home.root, line);
      done.add(line);
    }
    return done;
  }

  /** Disk files (or anything else) in the tier folders that no snapshot record names. */
  List<Path> orphanDisks() throws IOException {
    List<Path> orphans = new ArrayList<>();
    for (StorageTier tier : StorageTier.values()) {
      Path dir = home.tierDir(tier);
      if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue; // a link is never listed; `home check` reports it
      }
      try (DirectoryStream<Path> disks = Files.newDirectoryStream(dir)) {
        for (Path disk : disks) {
          String name = disk.getFileName().toString();
          int dot = name.indexOf('.');
          String snapshotId = dot < 0 ? name : name.substring(0, dot);
          if (!owned(disk, tier, snapshotId)) {
            orphans.add(disk);
          }
        }
      }
    }
    orphans.sort(null);
    return orphans;
  }

  private boolean owned(Path disk, StorageTier tier, String snapshotId) {
    Path record = home.snapshotFile(snapshotId);
    if (snapshotId.isEmpty() || !Confinement.present(record)) {
      return false;
    }
    try {
      RecordStore store = new RecordStore(home);
      String format = store.diskFormatOf(snapshotId);
      return store.readSnapshot(record).tier() == tier
          && disk.equals(home.diskFile(tier, snapshotId, format));
    } catch (RuntimeException e) {
      return true; // an unreadable record may own it: fail closed, leave it where it is
    }
  }

  /** Moves a file (a link as the link) into {@code quarantine/}, under a fresh name. */
  Path quarantine(Path file, Instant now) throws IOException {
    Path to = home.quarantine.resolve(now.toEpochMilli() + "-" + file.getFileName());
    for (int n = 1; Confinement.present(to); n++) {
      to = home.quarantine.resolve(now.toEpochMilli() + "-" + n + "-" + file.getFileName());
    }
    Confinement.move(file, to);
    return to;
  }

  private void removeAbandonedStaging(List<String> done) throws IOException {
    try (DirectoryStream<Path> staged = Files.newDirectoryStream(home.tmp, "*.part")) {
      for (Path p : staged) {
        if (!Files.isSymbolicLink(p)
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && abandoned(p)) {
          try {
            Files.delete(p);
            done.add("removed the staged copy " + p + " of an interrupted import");
          } catch (NoSuchFileException gone) {
            // its importer finished it meanwhile
          }
        }
      }
    }
  }

  /** Whether no live import holds the staged file's lock. */
  private static boolean abandoned(Path staged) {
    try (FileChannel ch =
            FileChannel.open(staged, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock probe = ch.tryLock()) {
      return probe != null;
    } catch (OverlappingFileLockException e) {
      return false; // this process is importing it
    } catch (IOException e) {
      return false;
    }
  }
}
