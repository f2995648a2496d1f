package io.cloudimage.core.local;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.local.HomeProblem.Kind;
import io.cloudimage.core.model.Snapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks and repairs a local home without opening it as a provider, so that it works on a home that
 * opening refuses (one whose folders are links). Checking changes nothing; repairing acts only when
 * asked, under the home lock, journals every step in {@code journal/}, never follows a link, and
 * never deletes: a leftover moves to {@code quarantine/}, a half-done removal is finished or
 * undone, and what only a person can judge (a broken record, a missing disk) is left and reported.
 */
public final class HomeDoctor {
  private HomeDoctor() {}

  /**
   * Lists the problems of the home at {@code root}.
   *
   * @throws InvalidInputException when {@code root} is not a cloudimage home
   */
  public static List<HomeProblem> check(Path root) {
    LocalHome home = existing(root);
    try {
      return problems(home);
    } catch (IOException e) {
      throw new CloudImageException("checking " + home.root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Resolves what can be resolved safely and returns the problems that remain.
   *
   * @throws InvalidInputException when {@code root} is not a cloudimage home
   */
  public static List<HomeProblem> repair(Path root, Clock clock) {
    LocalHome home = existing(root);
    return home.lock.locked(
        () -> {
          // The journal folder itself must be real before anything is journaled in it.
          if (Files.isSymbolicLink(home.journal)) {
            new Recovery(home).quarantine(home.journal, clock.instant());
          }
          if (Files.isSymbolicLink(home.quarantine)) {
            Path away = home.root.resolve("quarantine-link-" + clock.millis());
            Confinement.move(home.quarantine, away);
          }
          Confinement.requireFolder(home.quarantine);
          Confinement.requireFolder(home.journal);
          try (Journal journal = Journal.open(home.journal, clock)) {
            Recovery recovery = new Recovery(home);
            for (HomeProblem p : problems(home)) {
              String action = null;
              if (p.kind() == Kind.UNSAFE_LINK) {
                action = "moved the link to " + recovery.quarantine(p.path(), clock.instant());
                if (home.folders().contains(p.path())) {
                  Confinement.requireFolder(p.path());
                  action += " and made a real folder in its place";
                }
              } else if (p.kind() == Kind.ORPHAN_DISK) {
                action = "moved to " + recovery.quarantine(p.path(), clock.instant());
              }
              if (action != null) {
                String done = action;
                journal.append(
                    "HOME_REPAIR",
                    r -> {
                      r.put("problem", p.kind().name());
                      r.put("path", p.path().toString());
                      r.put("action", done);
                    });
              }
            }
            for (String line : new TrashRecovery(home).recover()) {
              journal.append(
                  "HOME_REPAIR",
                  r -> {
                    r.put("problem", Kind.HALF_DONE_TRASH.name());
                    r.put("action", line);
                  });
            }
            for (Path entry : new TrashRecovery(home).halfDone()) {
              // No description says where its files belong: keep them all for a person.
              Path to = recovery.quarantine(entry, clock.instant());
              journal.append(
                  "HOME_REPAIR",
                  r -> {
                    r.put("problem", Kind.HALF_DONE_TRASH.name());
                    r.put("path", entry.toString());
                    r.put("action", "moved to " + to);
                  });
            }
          }
          return problems(home);
        });
  }

  private static LocalHome existing(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)
        || !Files.exists(dir.resolve(LocalHome.MARKER), LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException(
          dir + " is not a cloudimage home (no " + LocalHome.MARKER + ")");
    }
    try {
      return LocalHome.layout(dir.toRealPath());
    } catch (IOException e) {
      throw new InvalidInputException(dir + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<HomeProblem> problems(LocalHome home) throws IOException {
    List<HomeProblem> found = new ArrayList<>();
    boolean linked = false;
    for (Path folder : home.folders()) {
      if (Files.isSymbolicLink(folder)) {
        linked = true;
        found.add(
            new HomeProblem(
                Kind.UNSAFE_LINK,
                folder,
                "this folder is a link; the home is refused until repair moves the link away"));
      }
    }
    for (String marker : new String[] {LocalHome.MARKER, ".lock"}) {
      Path p = home.root.resolve(marker);
      if (Files.isSymbolicLink(p)) {
        found.add(new HomeProblem(Kind.UNSAFE_LINK, p, "this file is a link"));
      }
    }
    if (linked) {
      return found; // nothing below a linked folder is looked at
    }
    List<Path> files = new ArrayList<>(RecordStore.names(home.images));
    files.addAll(RecordStore.names(home.snapshots));
    RecordStore store = new RecordStore(home);
    for (Path f : files) {
      if (Files.isSymbolicLink(f)) {
        found.add(new HomeProblem(Kind.UNSAFE_LINK, f, "this record is a link"));
        continue;
      }
      try {
        if (f.startsWith(home.images)) {
          store.readImage(f);
        } else {
          Snapshot s = store.readSnapshot(f);
          Path disk = home.diskFile(s.tier(), s.id(), store.diskFormatOf(s.id()));
          if (Files.isSymbolicLink(disk)) {
            found.add(new HomeProblem(Kind.UNSAFE_LINK, disk, "this disk file is a link"));
          } else if (!Confinement.present(disk)) {
            found.add(
                new HomeProblem(Kind.MISSING_DISK, disk, "snapshot " + s.id() + " has no disk"));
          }
        }
      } catch (CloudImageException e) {
        found.add(
            new HomeProblem(
                Kind.BROKEN_RECORD,
                f,
                e.getMessage() + "; its snapshots count as in use until a person fixes it"));
      }
    }
    for (Path disk : new Recovery(home).orphanDisks()) {
      found.add(
          Files.isSymbolicLink(disk)
              ? new HomeProblem(Kind.UNSAFE_LINK, disk, "a link among the disks")
              : new HomeProblem(Kind.ORPHAN_DISK, disk, "no snapshot record names this disk"));
    }
    for (Path entry : new TrashRecovery(home).halfDone()) {
      found.add(
          new HomeProblem(
              Kind.HALF_DONE_TRASH, entry, "a removal or restore a crash left half done"));
    }
    if (Files.isDirectory(home.quarantine, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> q = Files.newDirectoryStream(home.quarantine)) {
        for (Path p : q) {
          found.add(
              new HomeProblem(
                  Kind.QUARANTINED, p, "kept from interrupted work; look at it, then remove it"));
        }
      }
    }
    found.sort(java.util.Comparator.comparing(HomeProblem::kind).thenComparing(HomeProblem::path));
    return found;
  }
}
