package io.cloudimage.security.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The operating system of a root folder, from {@code /etc/os-release} (or {@code
 * /usr/lib/os-release}) and {@code /etc/lsb-release}.
 *
 * @param osRelease the os-release fields, such as {@code ID}, {@code VERSION_ID}, {@code
 *     VERSION_CODENAME}, unquoted; empty when there is no os-release file
 * @param lsbRelease the lsb-release fields, such as {@code DISTRIB_ID}, {@code DISTRIB_RELEASE};
 *     empty when there is no lsb-release file
 */
public record OsRelease(Map<String, String> osRelease, Map<String, String> lsbRelease) {
  /** Nothing known. */
  public static final OsRelease UNKNOWN = new OsRelease(Map.of(), Map.of());

  public OsRelease {
    osRelease = Collections.unmodifiableMap(new LinkedHashMap<>(osRelease));
    lsbRelease = Collections.unmodifiableMap(new LinkedHashMap<>(lsbRelease));
  }

  /** Reads the files of {@code root}; a missing file leaves its map empty. */
  public static OsRelease read(RootFolder root, Consumer<String> warnings) {
    Path os = root.file("/etc/os-release", warnings);
    if (os == null) {
      os = root.file("/usr/lib/os-release", warnings);
    }
    Path lsb = root.file("/etc/lsb-release", warnings);
    return new OsRelease(
        os == null ? Map.of() : parse(os, warnings), lsb == null ? Map.of() : parse(lsb, warnings));
  }

  /** The distribution's id in lowercase, such as {@code debian}, or {@code null}. */
  public @Nullable String id() {
    String id = osRelease.get("ID");
    if (id == null) {
      id = lsbRelease.get("DISTRIB_ID");
    }
    return id == null || id.isBlank() ? null : id.toLowerCase(Locale.ROOT);
  }

  /** The release, such as {@code 12} or {@code 22.04}, or {@code null}. */
  public @Nullable String versionId() {
    String v = osRelease.get("VERSION_ID");
    if (v == null) {
      v = lsbRelease.get("DISTRIB_RELEASE");
    }
    return v == null || v.isBlank() ? null : v;
  }

  /** The codename, such as {@code bookworm}, or {@code null}. */
  public @Nullable String codename() {
    String v = osRelease.get("VERSION_CODENAME");
    if (v == null) {
      v = lsbRelease.get("DISTRIB_CODENAME");
    }
    return v == null || v.isBlank() ? null : v;
  }

  /** The name people read, such as {@code Debian GNU/Linux 12 (bookworm)}, or {@code null}. */
  public @Nullable String prettyName() {
    String v = osRelease.get("PRETTY_NAME");
    if (v == null) {
      v = lsbRelease.get("DISTRIB_DESCRIPTION");
    }
    return v;
  }

  /**
   * The package URL {@code distro} qualifier, {@code id-versionId} such as {@code debian-12}, or
   * {@code null} when either is unknown.
   */
  public @Nullable String distro() {
    String id = id();
    String v = versionId();
    return id == null || v == null ? null : id + "-" + v;
  }

  /**
   * Parses {@code KEY=value} lines with shell quoting as os-release(5) allows; comments and blank
   * lines are skipped, other lines are warned about with their number.
   */
  static Map<String, String> parse(Path file, Consumer<String> warnings) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int eq = l.indexOf('=');
        if (eq <= 0) {
          warnings.accept(file.getFileName() + ":" + n + ": not KEY=value, skipped: " + l);
          continue;
        }
        out.put(l.substring(0, eq).strip(), unquote(l.substring(eq + 1).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      String inner = v.substring(1, v.length() - 1);
      return v.charAt(0) == '"' ? inner.replaceAll("\\\\([\"$`\\\\])", "$1") : inner;
    }
    return v;
  }
}
