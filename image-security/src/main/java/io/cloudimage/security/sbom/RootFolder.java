package io.cloudimage.security.sbom;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A root filesystem folder (a mounted or extracted image) seen as the guest sees it: paths inside
 * it are resolved as if it were {@code /}. A symbolic link is followed the way the guest would
 * follow it, so an absolute target ({@code /usr/share/doc/x}) or a {@code ..} that climbs past the
 * top stays inside the folder: nothing on the host outside the root is ever read. A chain of more
 * than {@value #MAX_LINKS} links (a loop) ends the resolution with a warning.
 */
public final class RootFolder {
  /** The most symbolic links followed for one path, as Linux's own limit. */
  public static final int MAX_LINKS = 40;

  private final Path root;

  private RootFolder(Path root) {
    this.root = root;
  }

  /**
   * The root folder at {@code path}.
   *
   * @throws InvalidInputException when it does not exist, is no folder or is empty
   */
  public static RootFolder of(Path path) {
    if (!Files.isDirectory(path)) {
      throw new InvalidInputException(
          "root filesystem folder "
              + path
              + (Files.exists(path) ? " is not a folder" : " does not exist")
              + "; give the folder where the image's root filesystem is mounted or extracted");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      if (!entries.iterator().hasNext()) {
        throw new InvalidInputException(
            "root filesystem folder "
                + path
                + " is empty; mount or extract the image's root filesystem there first");
      }
      return new RootFolder(path.toRealPath());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read root filesystem folder " + path + ": " + e, e);
    }
  }

  /** The folder on this host. */
  public Path path() {
    return root;
  }

  /**
   * The host path of {@code guestPath} (such as {@code /var/lib/dpkg/status}) with every symbolic
   * link resolved inside the root, or {@code null} when it does not exist or a link loop ends the
   * resolution (then {@code warnings} hears of it).
   */
  public @Nullable Path resolve(String guestPath, Consumer<String> warnings) {
    Deque<String> todo = new ArrayDeque<>(segments(guestPath));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String segment = todo.removeFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path candidate = host(done).resolve(segment);
      if (Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          warnings.accept(
              "more than " + MAX_LINKS + " symbolic links (a loop?) resolving " + guestPath);
          return null;
        }
        String target;
        try {
          target = Files.readSymbolicLink(candidate).toString();
        } catch (IOException e) {
          warnings.accept("cannot read symbolic link " + guest(done, segment) + ": " + e);
          return null;
        }
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> targetSegments = segments(target);
        for (int i = targetSegments.size() - 1; i >= 0; i--) {
          todo.addFirst(targetSegments.get(i));
        }
        continue;
      }
      if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      done.add(segment);
    }
    return host(done);
  }

  /** {@link #resolve} for a regular file; {@code null} when it is missing or not a file. */
  public @Nullable Path file(String guestPath, Consumer<String> warnings) {
    Path p = resolve(guestPath, warnings);
    return p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
  }

  /** The regular files directly in the guest folder {@code guestDir}, sorted; empty when none. */
  public List<Path> files(String guestDir, Consumer<String> warnings) {
    Path dir = resolve(guestDir, warnings);
    List<Path> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  /** The guest path of a host path inside the root, such as {@code /etc/shadow}. */
  public String guestPath(Path host) {
    Path rel = root.relativize(host);
    return "/" + rel.toString().replace('\\', '/');
  }

  private Path host(List<String> done) {
    Path p = root;
    for (String s : done) {
      p = p.resolve(s);
    }
    return p;
  }

  private static String guest(List<String> done, String last) {
    return "/" + String.join("/", done) + (done.isEmpty() ? "" : "/") + last;
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
