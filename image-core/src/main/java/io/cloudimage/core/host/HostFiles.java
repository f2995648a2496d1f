package io.cloudimage.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a capture reads the host's {@code /proc}, {@code /sys}, {@code /dev} and {@code /etc}:
 * {@code /} on a live host, or a folder holding copies of those files (for tests and for captures
 * taken elsewhere).
 */
public final class HostFiles {
  private final Path base;

  private HostFiles(Path base) {
    this.base = base;
  }

  /** The running host. */
  public static HostFiles live() {
    return new HostFiles(Path.of("/"));
  }

  /**
   * Copies of the host's files under {@code base} ({@code base/proc/...}, {@code base/sys/...}).
   */
  public static HostFiles under(Path base) {
    return new HostFiles(base);
  }

  /** Whether this is the running host ({@code /}). */
  public boolean isLive() {
    return base.equals(Path.of("/"));
  }

  /** The host path of {@code path}, such as {@code /proc/net/route}. */
  public Path path(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** The text of a file, or {@code null} (with a warning) when it cannot be read. */
  public @Nullable String read(String path, Consumer<String> warnings) {
    Path p = path(path);
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      warnings.accept("cannot read " + path + ": " + e.getClass().getSimpleName());
      return null;
    }
  }

  /** The text of a file, stripped, or {@code null} without a warning when it is absent. */
  public @Nullable String readQuietly(String path) {
    try {
      return Files.readString(path(path), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null;
    }
  }

  /** The names in a folder, sorted; empty when it is absent. */
  public List<String> list(String dir) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(dir))) {
      for (Path p : entries) {
        out.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }
}
