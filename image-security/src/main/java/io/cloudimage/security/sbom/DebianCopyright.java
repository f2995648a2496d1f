package io.cloudimage.security.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The licences a machine-readable (DEP-5) {@code copyright} file states: the short names on the
 * first line of each {@code License} field, in order of appearance, without repeats. A copyright
 * file in free form states nothing machine-readably, so it gives no licence.
 */
final class DebianCopyright {
  private DebianCopyright() {}

  /** The licences of the copyright file at {@code file}; empty for a free-form file. */
  public static List<String> licenses(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    return licensesOf(text);
  }

  /** The licences a copyright file's text states; empty for a free-form file. */
  public static List<String> licensesOf(String text) {
    String head = text.stripLeading();
    if (!head.regionMatches(true, 0, "Format:", 0, 7)) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (ControlStanzas.Stanza s : ControlStanzas.parse(text)) {
      String license = s.first("License");
      if (license != null && !license.isBlank()) {
        out.add(license);
      }
    }
    return new ArrayList<>(out);
  }
}
