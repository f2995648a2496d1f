package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.format.internal.ImageFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A VMDK text descriptor: its {@code key=value} settings and its extent lines. */
final class Descriptor {
  /** A descriptor longer than this is refused: real ones are a few hundred bytes. */
  static final int MAX_BYTES = 1 << 20;

  private static final Pattern EXTENT =
      Pattern.compile(
          "^(RW|RDONLY|NOACCESS)\\s+(\\d+)\\s+(\\w+)(?:\\s+\"([^\"]*)\"(?:\\s+(\\d+))?)?\\s*$");

  /** One extent line: {@code RW 2048 FLAT "disk-flat.vmdk" 0}. */
  record ExtentLine(long sectors, String type, @Nullable String file, long offsetSectors) {}

  final Map<String, String> settings = new LinkedHashMap<>();
  final List<ExtentLine> extents = new ArrayList<>();

  static Descriptor parse(ImageFile f, long offset, String text) {
    Descriptor d = new Descriptor();
    String[] lines = text.split("\r?\n");
    long pos = offset;
    for (String raw : lines) {
      String line = raw.strip();
      int nul = line.indexOf('\0');
      if (nul >= 0) {
        line = line.substring(0, nul).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        pos += raw.length() + 1;
        continue;
      }
      Matcher m = EXTENT.matcher(line);
      if (m.matches()) {
        long sectors;
        long at;
        try {
          sectors = Long.parseLong(m.group(2));
          at = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
        } catch (NumberFormatException e) {
          throw f.corrupt(
              SparseHeader.FORMAT, pos, "extent line '" + line + "' has a number too big");
        }
        if (sectors <= 0 || sectors > (Long.MAX_VALUE >> 10) || at > (Long.MAX_VALUE >> 10)) {
          throw f.corrupt(SparseHeader.FORMAT, pos, "extent line '" + line + "' has a bad size");
        }
        d.extents.add(new ExtentLine(sectors, m.group(3).toUpperCase(Locale.ROOT), m.group(4), at));
      } else if (line.contains("=")) {
        int eq = line.indexOf('=');
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        d.settings.put(line.substring(0, eq).strip(), value);
      } else {
        throw f.corrupt(
            SparseHeader.FORMAT,
            pos,
            "descriptor line '" + line + "' is neither a setting nor an extent");
      }
      pos += raw.length() + 1;
    }
    return d;
  }

  static Descriptor read(ImageFile f, long offset, long length) {
    if (length > MAX_BYTES) {
      throw f.corrupt(
          SparseHeader.FORMAT,
          offset,
          "the descriptor of " + length + " bytes is longer than " + MAX_BYTES);
    }
    byte[] bytes =
        f.read(
                SparseHeader.FORMAT,
                offset,
                (int) length,
                "the descriptor",
                java.nio.ByteOrder.LITTLE_ENDIAN)
            .array();
    return parse(f, offset, new String(bytes, StandardCharsets.UTF_8));
  }

  @Nullable String createType() {
    return settings.get("createType");
  }

  long totalSectors() {
    long total = 0;
    for (ExtentLine e : extents) {
      total += e.sectors();
    }
    return total;
  }
}
