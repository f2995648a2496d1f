package io.cloudimage.security.scan;

import io.cloudimage.security.sbom.RootFolder;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * One walk over the whole root for modes: world-writable files, world-writable folders without the
 * sticky bit, and setuid/setgid files outside the allow list. Folders of the running system ({@code
 * /proc}, {@code /sys}, {@code /dev}, {@code /run}) are skipped.
 */
final class PermissionWalk {
  /** Folders whose contents are the running system's, not the image's. */
  private static final Set<String> SKIPPED = Set.of("/proc", "/sys", "/dev", "/run");

  private static final int SETUID = 04000;
  private static final int SETGID = 02000;
  private static final int STICKY = 01000;
  private static final int OTHER_WRITE = 02;

  private final Set<String> setuidAllowed;

  PermissionWalk(Set<String> setuidAllowed) {
    this.setuidAllowed = setuidAllowed;
  }

  /** World-writable files and folders, setuid/setgid files: one walk over the whole root. */
  void walk(RootFolder root, List<Finding> out, List<String> warnings) {
    try {
      Files.walkFileTree(
          root.path(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String guest = root.guestPath(dir);
              if (SKIPPED.contains(guest)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              int mode = mode(dir);
              if ((mode & OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                out.add(
                    new Finding(
                        "world-writable",
                        Severity.MEDIUM,
                        guest,
                        String.format(
                            "folder is world-writable without the sticky bit (mode %o)",
                            mode & 07777),
                        "chmod o-w (or +t for a shared temporary folder)",
                        Finding.Action.REVIEW));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              int mode = mode(file);
              String guest = root.guestPath(file);
              if ((mode & OTHER_WRITE) != 0) {
                out.add(
                    new Finding(
                        "world-writable",
                        Severity.MEDIUM,
                        guest,
                        String.format("file is world-writable (mode %o)", mode & 07777),
                        "chmod o-w",
                        Finding.Action.REVIEW));
              }
              if ((mode & (SETUID | SETGID)) != 0 && !setuidAllowed.contains(guest)) {
                out.add(
                    new Finding(
                        "setuid",
                        Severity.HIGH,
                        guest,
                        String.format(
                            "%s binary outside the allow list (mode %o)",
                            (mode & SETUID) != 0 ? "setuid" : "setgid", mode & 07777),
                        "chmod u-s,g-s unless it needs to be, then add it to the allow list",
                        Finding.Action.REVIEW));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              warnings.add("cannot read " + root.guestPath(file) + ": " + e.getMessage());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      warnings.add("cannot walk the root folder: " + e.getMessage());
    }
  }

  private static int mode(Path p) {
    try {
      Object m = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return m instanceof Integer i ? i : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }
}
