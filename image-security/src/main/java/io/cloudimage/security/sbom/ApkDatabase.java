package io.cloudimage.security.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The packages apk installed: {@code /lib/apk/db/installed}, one block of {@code X:value} lines per
 * package ({@code P} name, {@code V} version, {@code A} architecture, {@code L} licence, {@code o}
 * origin, {@code m} maintainer, {@code t} build time). A block without name or version, or with a
 * line that is not {@code X:value}, is skipped with a warning naming the line.
 */
final class ApkDatabase {
  private static final String PATH = "/lib/apk/db/installed";

  private ApkDatabase() {}

  /** The installed packages; empty when the root has no apk database. */
  public static List<Component> read(RootFolder root, OsRelease os, Consumer<String> warnings) {
    Path file = root.file(PATH, warnings);
    if (file == null) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Component> out = new ArrayList<>();
    Map<Character, String> fields = new HashMap<>();
    int first = 0;
    @Nullable String error = null;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      if (line.isBlank()) {
        if (first > 0) {
          Component c = component(fields, first, error, os, warnings);
          if (c != null) {
            out.add(c);
          }
        }
        fields = new HashMap<>();
        first = 0;
        error = null;
        continue;
      }
      if (first == 0) {
        first = i + 1;
      }
      if (line.length() < 2 || line.charAt(1) != ':') {
        if (error == null) {
          error = "line " + (i + 1) + ": not an 'X:value' line";
        }
        continue;
      }
      fields.putIfAbsent(line.charAt(0), line.substring(2));
    }
    return out;
  }

  private static @Nullable Component component(
      Map<Character, String> f,
      int first,
      @Nullable String error,
      OsRelease os,
      Consumer<String> warnings) {
    String name = f.get('P');
    String version = f.get('V');
    if (error != null) {
      warnings.accept(
          PATH + ": " + error + "; " + (name == null ? "the package" : name) + " is skipped");
      return null;
    }
    if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
      warnings.accept(
          PATH
              + ": line "
              + first
              + ": package "
              + (name == null ? "" : name + " ")
              + "has no "
              + (name == null ? "P (name)" : "V (version)")
              + " line; it is skipped");
      return null;
    }
    String arch = f.getOrDefault('A', "");
    Map<String, String> q = new LinkedHashMap<>();
    q.put("arch", arch);
    String distro = os.distro();
    if (distro != null) {
      q.put("distro", distro);
    }
    String vendor = os.id() == null ? "alpine" : os.id();
    String origin = f.get('o');
    String license = f.get('L');
    Instant built = null;
    String t = f.get('t');
    if (t != null) {
      try {
        built = Instant.ofEpochSecond(Long.parseLong(t.strip()));
      } catch (NumberFormatException e) {
        warnings.accept(PATH + ": " + name + ": build time is not a number: " + t);
      }
    }
    return new Component(
        Ecosystem.APK,
        name,
        version,
        arch,
        origin == null || origin.equals(name) ? null : origin,
        null,
        f.get('m'),
        license == null || license.isBlank() ? List.of() : List.of(license),
        PackageUrl.of("apk", vendor, name, version, q),
        built);
  }
}
