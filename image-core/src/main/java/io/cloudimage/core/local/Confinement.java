package io.cloudimage.core.local;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * What keeps a home to itself: no link inside it is ever followed, nothing outside it is opened for
 * writing, and what it creates is readable by its owner only (where the file system has POSIX
 * permissions).
 */
final class Confinement {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private Confinement() {}

  /** Attributes of a new file: owner read/write only. */
  static FileAttribute<?>[] ownerOnlyFile() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Attributes of a new folder: owner only. */
  static FileAttribute<?>[] ownerOnlyDir() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }

  /**
   * Makes sure {@code dir} is a real folder (not a link), creating it owner-only when missing.
   *
   * @throws InvalidInputException naming the path when it is a link or not a folder
   */
  static void requireFolder(Path dir) throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw linkRefused(dir, "folder");
    }
    if (!Files.exists(dir, NOFOLLOW)) {
      try {
        Files.createDirectory(dir, ownerOnlyDir());
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another process made it at the same moment; checked below
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, NOFOLLOW)) {
      throw new InvalidInputException(
          dir + " is not a folder; a cloudimage home needs it to be one (see `home check`)");
    }
  }

  /**
   * The attributes of a file of the home that must be a regular file with no other name.
   *
   * @throws InvalidInputException naming the path when it is a link, not a regular file, or has a
   *     hard link elsewhere (writing to it would change the other name too)
   * @throws CloudImageException when it is missing
   */
  static BasicFileAttributes requirePlainFile(Path file, String what) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      throw new CloudImageException(
          what + " " + file + " is missing; `cloudimage home check` lists the home's problems", e);
    } catch (IOException e) {
      throw new CloudImageException(what + " " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (a.isSymbolicLink()) {
      throw linkRefused(file, what);
    }
    if (!a.isRegularFile()) {
      throw new InvalidInputException(
          what + " " + file + " is not a regular file; refusing to touch it (see `home check`)");
    }
    if (POSIX) {
      try {
        Object links = Files.getAttribute(file, "unix:nlink", NOFOLLOW);
        if (links instanceof Integer n && n > 1) {
          throw new InvalidInputException(
              what
                  + " "
                  + file
                  + " has "
                  + n
                  + " hard links; one may be outside the home, so it is refused (see `home check`)");
        }
      } catch (UnsupportedOperationException | IOException | IllegalArgumentException e) {
        // no link count on this file system; the symbolic-link check above still holds
      }
    }
    return a;
  }

  /** The error for a link where the home needs a real file or folder. */
  static InvalidInputException linkRefused(Path p, String what) {
    return new InvalidInputException(
        what
            + " "
            + p
            + " is a symbolic link; a cloudimage home never follows links. "
            + "Move it away (or run `cloudimage home repair`) and try again");
  }

  /** Opens a file of the home for reading without following a link. */
  static InputStream read(Path file) throws IOException {
    return Files.newInputStream(file, StandardOpenOption.READ, NOFOLLOW);
  }

  /** Reads a small file of the home (a record) without following a link; at most {@code max}. */
  static byte[] readSmall(Path file, int max) throws IOException {
    try (InputStream in = read(file)) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        throw new InvalidInputException(file + " is larger than " + max + " bytes; not a record");
      }
      return b;
    }
  }

  /** Creates a new owner-only file for writing; fails when anything (a link too) has the name. */
  static FileChannel createNew(Path file) throws IOException {
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW);
    return FileChannel.open(file, options, ownerOnlyFile());
  }

  /** Opens an existing file of the home for reading and writing, never through a link. */
  static FileChannel openForWriting(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, NOFOLLOW);
  }

  /**
   * Renames a file or folder within the home; a link is moved as the link itself. Refuses to
   * replace anything already at {@code to}.
   */
  static void move(Path from, Path to) throws IOException {
    if (Files.exists(to, NOFOLLOW)) {
      throw new java.nio.file.FileAlreadyExistsException(to.toString());
    }
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Whether something (a dangling link too) has this name. */
  static boolean present(Path p) {
    return Files.exists(p, NOFOLLOW);
  }
}
