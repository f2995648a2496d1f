package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /proc/meminfo}: each field in bytes ({@code kB} in the file means KiB), or a count for the
 * fields without a unit (the huge page counts).
 *
 * @param fields each field as the kernel names it ({@code MemTotal}, {@code MemAvailable}), in
 *     order
 */
public record MemInfo(Map<String, Long> fields) {
  private static final Pattern LINE =
      Pattern.compile("^([A-Za-z0-9_()]+):\\s+(\\d+)(?:\\s+(kB))?\\s*$");

  /** Copies the map, keeping the kernel's order. */
  public MemInfo {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * Parses the file's text.
   *
   * @throws InvalidInputException on a line that is not {@code Name: value [kB]}, or when MemTotal
   *     is missing, with the line number
   */
  public static MemInfo parse(String text, String source) {
    Map<String, Long> fields = new LinkedHashMap<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new InvalidInputException(
            source + ": line " + n + ": expected 'Name:   value kB', found '" + line.trim() + "'");
      }
      long v;
      try {
        v = Long.parseLong(m.group(2));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(source + ": line " + n + ": value out of range", e);
      }
      fields.put(m.group(1), m.group(3) != null ? Math.multiplyExact(v, 1024L) : v);
    }
    if (!fields.containsKey("MemTotal")) {
      throw new InvalidInputException(source + ": no MemTotal line; is this /proc/meminfo?");
    }
    return new MemInfo(fields);
  }

  /** The field's value in bytes (or count), when present. */
  public OptionalLong field(String name) {
    Long v = fields.get(name);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /**
   * Memory in use: MemTotal minus MemAvailable (kernels since 3.14), else minus MemFree, Buffers
   * and Cached.
   */
  public long usedBytes() {
    long total = fields.getOrDefault("MemTotal", 0L);
    Long available = fields.get("MemAvailable");
    if (available != null) {
      return total - available;
    }
    return total
        - fields.getOrDefault("MemFree", 0L)
        - fields.getOrDefault("Buffers", 0L)
        - fields.getOrDefault("Cached", 0L);
  }

  /** {@code mem.used} (lower is better), {@code mem.total} and {@code mem.available} in bytes. */
  public Measurements measurements() {
    List<Metric> m = new ArrayList<>();
    m.add(new Metric("mem.used", "B", false, usedBytes()));
    m.add(new Metric("mem.total", "B", true, fields.getOrDefault("MemTotal", 0L)));
    field("MemAvailable").ifPresent(v -> m.add(new Metric("mem.available", "B", true, v)));
    return new Measurements("meminfo", m);
  }
}
