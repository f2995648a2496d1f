package io.cloudimage.bench.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job definition file (YAML, or JSON, which is YAML too) into a {@link BenchJob}, for
 * {@code bench run JOB}. Keys follow the tools' own option names:
 *
 * <pre>{@code
 * tool: fio                      # or stress-ng
 * name: randread
 * rw: randread
 * bs: 4k
 * iodepth: 32
 * numjobs: 4
 * size: 1G
 * runtime: 60s
 * direct: true
 * ioengine: libaio
 * filename: /dev/nvme1n1         # or directory: /mnt/scratch
 * timeout: 5m
 * ---
 * tool: stress-ng
 * duration: 60s
 * stressors:
 *   - {name: cpu, workers: 0, method: matrixprod}
 *   - {name: vm, workers: 1, options: {bytes: 256M}}
 * }</pre>
 */
public final class JobFile {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> FIO_KEYS =
      Set.of(
          "tool",
          "name",
          "rw",
          "rwmixread",
          "bs",
          "iodepth",
          "numjobs",
          "size",
          "runtime",
          "direct",
          "ioengine",
          "filename",
          "directory",
          "group_reporting",
          "timeout");
  private static final Set<String> STRESS_KEYS = Set.of("tool", "duration", "stressors", "timeout");
  private static final Set<String> STRESSOR_KEYS = Set.of("name", "workers", "method", "options");
  private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");

  private JobFile() {}

  /**
   * Reads the job in {@code file}.
   *
   * @throws InvalidInputException when the file is missing or malformed (with the line), names an
   *     unknown tool or key, or holds a bad value (with the key)
   */
  public static BenchJob read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such job file", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses a job definition; {@code source} names it in errors. */
  public static BenchJob parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidInputException(
          source
              + ": malformed job file"
              + (at == null ? "" : " at line " + at.getLineNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(source + ": a job file is a mapping with a 'tool' key");
    }
    String tool = root.path("tool").asText("");
    try {
      return switch (tool) {
        case "fio" -> fio(root, source);
        case "stress-ng" -> stressNg(root, source);
        default ->
            throw new InvalidInputException(
                source + ": tool must be fio or stress-ng, was '" + tool + "'");
      };
    } catch (InvalidInputException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(source)) {
        throw e;
      }
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  private static FioJob fio(JsonNode n, String source) {
    checkKeys(n, FIO_KEYS, source, "fio job");
    FioJob.Builder b = FioJob.builder();
    if (n.has("name")) {
      b.name(n.get("name").asText());
    }
    b.pattern(required(n, "rw", source).asText());
    if (n.has("rwmixread")) {
      b.readPercent(integer(n, "rwmixread"));
    }
    if (n.has("bs")) {
      b.blockSize(n.get("bs").asText());
    }
    if (n.has("iodepth")) {
      b.ioDepth(integer(n, "iodepth"));
    }
    if (n.has("numjobs")) {
      b.numJobs(integer(n, "numjobs"));
    }
    b.size(required(n, "size", source).asText());
    if (n.has("runtime")) {
      b.runtime(duration(n, "runtime"));
    }
    if (n.has("direct")) {
      b.direct(bool(n, "direct"));
    }
    if (n.has("ioengine")) {
      b.ioEngine(n.get("ioengine").asText());
    }
    if (n.has("group_reporting")) {
      b.groupReporting(bool(n, "group_reporting"));
    }
    if (n.has("filename") == n.has("directory")) {
      throw new InvalidInputException(
          source
              + ": a fio job needs exactly one of 'filename' (a file or device) and 'directory'");
    }
    if (n.has("filename")) {
      b.target(Path.of(n.get("filename").asText()));
    } else {
      b.directory(Path.of(n.get("directory").asText()));
    }
    if (n.has("timeout")) {
      b.timeout(duration(n, "timeout"));
    }
    return b.build();
  }

  private static StressNgJob stressNg(JsonNode n, String source) {
    checkKeys(n, STRESS_KEYS, source, "stress-ng job");
    StressNgJob.Builder b = StressNgJob.builder();
    if (n.has("duration")) {
      b.duration(duration(n, "duration"));
    }
    JsonNode list = required(n, "stressors", source);
    if (!list.isArray() || list.isEmpty()) {
      throw new InvalidInputException(source + ": 'stressors' must be a non-empty list");
    }
    int i = 0;
    for (JsonNode s : list) {
      String where = source + ": stressors[" + i++ + "]";
      checkKeys(s, STRESSOR_KEYS, where, "stressor");
      Stressor st = Stressor.of(required(s, "name", where).asText());
      if (s.has("workers")) {
        st = st.workers(integer(s, "workers"));
      }
      if (s.has("method")) {
        st = st.method(s.get("method").asText());
      }
      Iterator<Map.Entry<String, JsonNode>> o = s.path("options").fields();
      while (o.hasNext()) {
        Map.Entry<String, JsonNode> e = o.next();
        st = st.option(e.getKey(), e.getValue().asText());
      }
      b.stressor(st);
    }
    if (n.has("timeout")) {
      b.timeout(duration(n, "timeout"));
    }
    return b.build();
  }

  private static void checkKeys(JsonNode n, Set<String> known, String where, String what) {
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!known.contains(k)) {
        throw new InvalidInputException(
            where
                + ": unknown key '"
                + k
                + "' in a "
                + what
                + "; known keys: "
                + new java.util.TreeSet<>(known));
      }
    }
  }

  private static JsonNode required(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(where + ": '" + key + "' is required");
    }
    return v;
  }

  private static int integer(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v.isInt()) {
      return v.asInt();
    }
    try {
      return Integer.parseInt(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "'" + key + "' must be a whole number, was '" + v.asText() + "'", e);
    }
  }

  private static boolean bool(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String t = v.asText().trim().toLowerCase(Locale.ROOT);
    if (t.equals("1") || t.equals("true")) {
      return true;
    }
    if (t.equals("0") || t.equals("false")) {
      return false;
    }
    throw new InvalidInputException(
        "'" + key + "' must be true or false, was '" + v.asText() + "'");
  }

  /** {@code 60s}, {@code 5m}, {@code 1h}, {@code 500ms}, a number of seconds, or ISO-8601. */
  static Duration duration(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v.isIntegralNumber()) {
      return Duration.ofSeconds(v.asLong());
    }
    String t = v.asText().trim();
    Matcher m = SPAN.matcher(t);
    if (m.matches()) {
      long x = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(x);
        case "s" -> Duration.ofSeconds(x);
        case "m", "min" -> Duration.ofMinutes(x);
        default -> Duration.ofHours(x);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "'" + key + "' must be a duration such as 60s, 5m, 1h or 500ms, was '" + t + "'", e);
    }
  }
}
