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

  /**
   * The licences a copyright file's text states; empty for a free-form file. Only the {@code
   * License:} lines are looked at: in DEP-5 a field starts at the beginning of a line, and the rest
   * of the file (licence texts, often most of it) needs no splitting into stanzas.
   */
  public static List<String> licensesOf(String text) {
    String head = text.stripLeading();
    if (!head.regionMatches(true, 0, "Format:", 0, 7)) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    int len = text.length();
    int start = 0;
    while (start < len) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = len;
      }
      if (text.regionMatches(true, start, "License:", 0, 8)) {
        String license = text.substring(start + 8, end).strip();
        if (!license.isEmpty()) {
          out.add(license);
        }
      }
      start = end + 1;
    }
    return new ArrayList<>(out);
  }
}
