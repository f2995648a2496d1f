package io.cloudimage.security.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Splits Debian control data (the dpkg status file, DEP-5 copyright files) into stanzas of {@code
 * Field: value} lines. A stanza with a line that is neither a field nor a continuation is kept with
 * its error, so the caller can skip it and name the line.
 */
final class ControlStanzas {
  private ControlStanzas() {}

  /**
   * One stanza.
   *
   * @param firstLine the 1-based line it starts on
   * @param fields the fields by lowercased name; values keep their continuation lines, joined with
   *     a line feed
   * @param error what was wrong with it, with the line number, or {@code null}
   */
  public record Stanza(int firstLine, Map<String, String> fields, @Nullable String error) {
    /** A field's first line, stripped, or {@code null} when absent. */
    public @Nullable String first(String field) {
      String v = fields.get(field.toLowerCase(Locale.ROOT));
      if (v == null) {
        return null;
      }
      int nl = v.indexOf('\n');
      return (nl < 0 ? v : v.substring(0, nl)).strip();
    }
  }

  /** The stanzas of {@code text}. */
  public static List<Stanza> parse(String text) {
    List<Stanza> out = new ArrayList<>();
    Map<String, StringBuilder> fields = new LinkedHashMap<>();
    String current = null;
    String error = null;
    int first = 0;
    int n = 0;
    int start = 0;
    int len = text.length();
    while (start <= len) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = len;
      }
      String line = text.substring(start, end);
      start = end + 1;
      n++;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        if (first > 0) {
          out.add(stanza(first, fields, error));
          fields = new LinkedHashMap<>();
          current = null;
          error = null;
          first = 0;
        }
        if (end == len) {
          break;
        }
        continue;
      }
      if (first == 0) {
        first = n;
      }
      char c = line.charAt(0);
      if (c == ' ' || c == '\t') {
        if (current == null) {
          if (error == null) {
            error = "line " + n + ": continuation line with no field before it";
          }
        } else {
          StringBuilder value = fields.get(current);
          if (value != null) {
            value.append('\n').append(line.substring(1));
          }
        }
      } else if (c == '#') {
        // A comment line, which DEP-5 files may have.
        continue;
      } else {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.substring(0, colon).contains(" ")) {
          if (error == null) {
            error = "line " + n + ": not a 'Field: value' line: " + abbreviate(line);
          }
          current = null;
        } else {
          current = line.substring(0, colon).toLowerCase(Locale.ROOT);
          fields.put(current, new StringBuilder(line.substring(colon + 1).strip()));
        }
      }
      if (end == len) {
        break;
      }
    }
    if (first > 0) {
      out.add(stanza(first, fields, error));
    }
    return out;
  }

  private static Stanza stanza(int first, Map<String, StringBuilder> fields, @Nullable String e) {
    Map<String, String> f = new LinkedHashMap<>();
    fields.forEach((k, v) -> f.put(k, v.toString()));
    return new Stanza(first, f, e);
  }

  private static String abbreviate(String line) {
    return line.length() > 60 ? line.substring(0, 60) + "..." : line;
  }
}
