package io.cloudimage.security.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The packages dpkg installed in a root folder: {@code /var/lib/dpkg/status} (only stanzas whose
 * {@code Status} says {@code installed}) and the per-package files of {@code
 * /var/lib/dpkg/status.d/} that distroless images carry instead. A malformed stanza is skipped with
 * a warning that names the file and line.
 */
final class DpkgDatabase {
  private DpkgDatabase() {}

  /** The installed packages; empty when the root has no dpkg database. */
  public static List<Component> read(RootFolder root, OsRelease os, Consumer<String> warnings) {
    List<Component> out = new ArrayList<>();
    Path status = root.file("/var/lib/dpkg/status", warnings);
    if (status != null) {
      out.addAll(readFile(root, status, "/var/lib/dpkg/status", os, true, warnings));
    }
    for (Path f : root.files("/var/lib/dpkg/status.d", warnings)) {
      String name = f.getFileName().toString();
      if (name.endsWith(".md5sums")) {
        continue;
      }
      out.addAll(readFile(root, f, "/var/lib/dpkg/status.d/" + name, os, false, warnings));
    }
    return out;
  }

  private static List<Component> readFile(
      RootFolder root,
      Path file,
      String guest,
      OsRelease os,
      boolean needsStatus,
      Consumer<String> warnings) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Component> byKey = new LinkedHashMap<>();
    for (ControlStanzas.Stanza s : ControlStanzas.parse(text)) {
      String pkg = s.first("Package");
      if (s.error() != null) {
        warnings.accept(
            guest
                + ": "
                + s.error()
                + "; the stanza of "
                + (pkg == null ? "the package starting on line " + s.firstLine() : pkg)
                + " is skipped");
        continue;
      }
      String version = s.first("Version");
      if (pkg == null || pkg.isEmpty() || version == null || version.isEmpty()) {
        warnings.accept(
            guest
                + ": line "
                + s.firstLine()
                + ": stanza has no "
                + (pkg == null || pkg.isEmpty() ? "Package" : "Version")
                + " field; "
                + (pkg == null ? "it" : pkg)
                + " is skipped");
        continue;
      }
      if (needsStatus && !installed(s.first("Status"))) {
        continue;
      }
      Component c = component(root, s, pkg, version, os, warnings);
      byKey.put(c.key(), c);
    }
    return new ArrayList<>(byKey.values());
  }

  private static boolean installed(@Nullable String status) {
    if (status == null) {
      return false;
    }
    String[] words = status.split("\\s+");
    return words.length == 3 && words[2].equals("installed");
  }

  private static Component component(
      RootFolder root,
      ControlStanzas.Stanza s,
      String pkg,
      String version,
      OsRelease os,
      Consumer<String> warnings) {
    String arch = orEmpty(s.first("Architecture"));
    String sourceName = null;
    String sourceVersion = null;
    String source = s.first("Source");
    if (source != null && !source.isEmpty()) {
      int paren = source.indexOf('(');
      if (paren > 0 && source.endsWith(")")) {
        sourceName = source.substring(0, paren).strip();
        sourceVersion = source.substring(paren + 1, source.length() - 1).strip();
      } else {
        sourceName = source;
      }
    }
    Map<String, String> qualifiers = new LinkedHashMap<>();
    qualifiers.put("arch", arch);
    String distro = os.distro();
    if (distro != null) {
      qualifiers.put("distro", distro);
    }
    String vendor = os.id() == null ? "debian" : os.id();
    PackageUrl purl = PackageUrl.of("deb", vendor, pkg, version, qualifiers);
    List<String> licenses = List.of();
    Path copyright = root.file("/usr/share/doc/" + pkg + "/copyright", warnings);
    if (copyright != null) {
      try {
        licenses = DebianCopyright.licenses(copyright);
      } catch (IOException e) {
        warnings.accept("cannot read /usr/share/doc/" + pkg + "/copyright: " + e.getMessage());
      }
    }
    return new Component(
        Ecosystem.DEB,
        pkg,
        version,
        arch,
        sourceName,
        sourceVersion,
        s.first("Maintainer"),
        licenses,
        purl,
        installedAt(root, pkg, arch, warnings));
  }

  /** dpkg writes a package's file list when it installs it; its time is the install time. */
  private static @Nullable Instant installedAt(
      RootFolder root, String pkg, String arch, Consumer<String> warnings) {
    Path list = root.file("/var/lib/dpkg/info/" + pkg + ".list", warnings);
    if (list == null && !arch.isEmpty()) {
      list = root.file("/var/lib/dpkg/info/" + pkg + ":" + arch + ".list", warnings);
    }
    if (list == null) {
      return null;
    }
    try {
      return Files.getLastModifiedTime(list).toInstant();
    } catch (IOException e) {
      return null;
    }
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
