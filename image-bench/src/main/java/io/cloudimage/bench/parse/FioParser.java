package io.cloudimage.bench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads fio's JSON output ({@code --output-format=json}) of fio 3.x: latencies in nanoseconds
 * ({@code clat_ns}, {@code lat_ns}) and, where an older 3.x lacks it, bandwidth from KiB/s ({@code
 * bw}) rather than {@code bw_bytes}. Text fio prints before the JSON (notes and warnings) is
 * skipped.
 *
 * <pre>{@code
 * FioResult r = FioParser.parse(Files.readString(path), path.toString());
 * double iops = r.aggregate().direction(IoDirection.READ).orElseThrow().iops();
 * }</pre>
 */
public final class FioParser {
  private FioParser() {}

  /**
   * Parses fio's JSON.
   *
   * @param source names the input in error messages (a file name)
   * @throws InvalidInputException when the text is truncated, malformed or not fio's, with the
   *     offset or the field
   */
  public static FioResult parse(String text, String source) {
    int start = jsonStart(text);
    if (start < 0) {
      throw new InvalidInputException(
          source + ": no JSON object found; run fio with --output-format=json");
    }
    JsonNode root = Json.read(text.substring(start), source, start);
    JsonNode version = root.get("fio version");
    JsonNode jobs = root.get("jobs");
    if (version == null || jobs == null || !jobs.isArray()) {
      throw new InvalidInputException(
          source + ": not fio output: expected the fields \"fio version\" and \"jobs\"");
    }
    List<FioJobStats> list = new java.util.ArrayList<>();
    int i = 0;
    for (JsonNode job : jobs) {
      list.add(job(job, source + ": jobs[" + i++ + "]"));
    }
    if (list.isEmpty()) {
      throw new InvalidInputException(source + ": fio reported no jobs");
    }
    return new FioResult(version.asText(), list);
  }

  /** Where the JSON object starts: the first line that begins with '{'. */
  private static int jsonStart(String text) {
    int at = 0;
    while (at < text.length()) {
      if (text.charAt(at) == '{') {
        return at;
      }
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        return -1;
      }
      at = nl + 1;
    }
    return -1;
  }

  private static FioJobStats job(JsonNode job, String where) {
    String name = Json.text(job, "jobname", where);
    int error = (int) Json.number(job, "error", 0);
    Map<IoDirection, IoStats> dirs = new EnumMap<>(IoDirection.class);
    for (IoDirection d : IoDirection.values()) {
      JsonNode n = job.get(d.key());
      if (n == null) {
        continue;
      }
      String at = where + "." + d.key();
      long ios = (long) Json.number(n, "total_ios", 0);
      double bw =
          n.has("bw_bytes") ? Json.number(n, "bw_bytes", at) : Json.number(n, "bw", at) * 1024;
      dirs.put(
          d,
          new IoStats(
              (long) Json.number(n, "io_bytes", at),
              ios,
              Json.number(n, "iops", at),
              bw,
              (long) Json.number(n, "runtime", 0),
              latency(n, "clat", at),
              latency(n, "lat", at)));
    }
    return new FioJobStats(name, error, dirs);
  }

  /** {@code clat_ns} (fio 3), or {@code clat} in microseconds (older output), as nanoseconds. */
  private static Latency latency(JsonNode dir, String kind, String where) {
    JsonNode n = dir.get(kind + "_ns");
    double scale = 1;
    if (n == null) {
      n = dir.get(kind);
      scale = 1000;
    }
    if (n == null || !n.isObject()) {
      return Latency.NONE;
    }
    String at = where + "." + kind;
    Map<String, Double> percentiles = new HashMap<>();
    JsonNode p = n.get("percentile");
    if (p != null && p.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = p.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        try {
          Double.parseDouble(e.getKey());
        } catch (NumberFormatException ex) {
          throw new InvalidInputException(
              at + ".percentile: key '" + e.getKey() + "' is not a percentile", ex);
        }
        if (!e.getValue().isNumber()) {
          throw new InvalidInputException(at + ".percentile." + e.getKey() + " is not a number");
        }
        percentiles.put(e.getKey(), e.getValue().asDouble() * scale);
      }
    }
    return new Latency(
        (long) Json.number(n, "N", 0),
        Json.number(n, "min", at) * scale,
        Json.number(n, "max", at) * scale,
        Json.number(n, "mean", at) * scale,
        Json.number(n, "stddev", 0) * scale,
        percentiles);
  }
}
