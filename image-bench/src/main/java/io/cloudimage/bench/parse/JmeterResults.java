package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JMeter results file ({@code .jtl}, CSV with its header line) summarised per sampler label:
 * samples, errors, elapsed-time percentiles and throughput. The file is read line by line; only
 * each sample's elapsed time is kept.
 *
 * @param labels the summary of each label, in order of first appearance
 * @param all all samples together
 */
public record JmeterResults(Map<String, JmeterResults.Summary> labels, Summary all) {
  /**
   * The summary of a set of samples.
   *
   * @param samples how many
   * @param errors how many had {@code success=false}
   * @param meanMillis the mean elapsed time
   * @param p50Millis the median elapsed time (nearest rank)
   * @param p90Millis the 90th percentile
   * @param p95Millis the 95th percentile
   * @param p99Millis the 99th percentile
   * @param throughputPerSecond samples per second between the first start and the last end
   */
  public record Summary(
      long samples,
      long errors,
      double meanMillis,
      long p50Millis,
      long p90Millis,
      long p95Millis,
      long p99Millis,
      double throughputPerSecond) {
    /** The share of samples that failed, 0 to 1. */
    public double errorRate() {
      return samples == 0 ? 0 : (double) errors / samples;
    }
  }

  /** Copies the map. */
  public JmeterResults {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /**
   * Reads a CSV {@code .jtl} with a header naming at least {@code timeStamp}, {@code elapsed},
   * {@code label} and {@code success}.
   *
   * @throws InvalidInputException when the header lacks those columns or a row does not read, with
   *     the line number
   */
  public static JmeterResults parse(Reader reader, String source) {
    Csv csv = new Csv(new BufferedReader(reader));
    List<String> header = csv.next(source);
    if (header == null) {
      throw new InvalidInputException(source + ": empty .jtl file");
    }
    int ts = header.indexOf("timeStamp");
    int elapsed = header.indexOf("elapsed");
    int label = header.indexOf("label");
    int success = header.indexOf("success");
    if (ts < 0 || elapsed < 0 || label < 0 || success < 0) {
      throw new InvalidInputException(
          source
              + ": line 1: the header must name timeStamp, elapsed, label and success (save"
              + " results as CSV with field names); found "
              + header);
    }
    Map<String, Acc> byLabel = new LinkedHashMap<>();
    Acc all = new Acc();
    List<String> row;
    while ((row = csv.next(source)) != null) {
      int line = csv.startLine;
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue;
      }
      if (row.size() != header.size()) {
        throw new InvalidInputException(
            source
                + ": line "
                + line
                + ": "
                + row.size()
                + " columns, the header has "
                + header.size()
                + " (truncated file?)");
      }
      long start = longAt(row, ts, "timeStamp", source, line);
      long took = longAt(row, elapsed, "elapsed", source, line);
      boolean ok = Boolean.parseBoolean(row.get(success).trim());
      byLabel.computeIfAbsent(row.get(label), k -> new Acc()).add(start, took, ok);
      all.add(start, took, ok);
    }
    if (all.n == 0) {
      throw new InvalidInputException(source + ": the .jtl file has a header but no samples");
    }
    Map<String, Summary> summaries = new LinkedHashMap<>();
    byLabel.forEach((k, v) -> summaries.put(k, v.summary()));
    return new JmeterResults(summaries, all.summary());
  }

  /**
   * {@code all.throughput} (higher is better), {@code all.p95}, {@code all.p99}, {@code
   * all.error-rate}, and {@code LABEL.p95} per label (lower is better).
   */
  public Measurements measurements() {
    List<Metric> m = new ArrayList<>();
    m.add(new Metric("all.throughput", "samples/s", true, all.throughputPerSecond()));
    m.add(new Metric("all.mean", "ms", false, all.meanMillis()));
    m.add(new Metric("all.p95", "ms", false, all.p95Millis()));
    m.add(new Metric("all.p99", "ms", false, all.p99Millis()));
    m.add(new Metric("all.error-rate", "ratio", false, all.errorRate()));
    labels.forEach((k, v) -> m.add(new Metric(k + ".p95", "ms", false, v.p95Millis())));
    return new Measurements("jmeter", m);
  }

  private static long longAt(List<String> row, int i, String name, String source, int line) {
    try {
      return Long.parseLong(row.get(i).trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          source + ": line " + line + ": " + name + " '" + row.get(i) + "' is not a whole number",
          e);
    }
  }

  /** Accumulates one label's samples. */
  private static final class Acc {
    private long[] elapsed = new long[64];
    private int n;
    private long errors;
    private double sum;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    void add(long start, long took, boolean ok) {
      if (n == elapsed.length) {
        elapsed = Arrays.copyOf(elapsed, n * 2);
      }
      elapsed[n++] = took;
      sum += took;
      errors += ok ? 0 : 1;
      first = Math.min(first, start);
      last = Math.max(last, start + took);
    }

    Summary summary() {
      long[] sorted = Arrays.copyOf(elapsed, n);
      Arrays.sort(sorted);
      double span = Math.max(1, last - first) / 1000.0;
      return new Summary(
          n,
          errors,
          sum / n,
          rank(sorted, 50),
          rank(sorted, 90),
          rank(sorted, 95),
          rank(sorted, 99),
          n / span);
    }

    /** The nearest-rank percentile, as JMeter's aggregate report computes it. */
    private static long rank(long[] sorted, double p) {
      int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }

  /** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
  private static final class Csv {
    private final BufferedReader in;
    private int line;
    int startLine;

    Csv(BufferedReader in) {
      this.in = in;
    }

    @org.jspecify.annotations.Nullable
    List<String> next(String source) {
      try {
        String text = in.readLine();
        if (text == null) {
          return null;
        }
        line++;
        startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
          if (i == text.length()) {
            if (quoted) {
              String more = in.readLine();
              if (more == null) {
                throw new InvalidInputException(
                    source + ": line " + startLine + ": a quoted field is never closed");
              }
              line++;
              f.append('\n');
              text = more;
              i = 0;
              continue;
            }
            fields.add(f.toString());
            return fields;
          }
          char c = text.charAt(i++);
          if (quoted) {
            if (c == '"') {
              if (i < text.length() && text.charAt(i) == '"') {
                f.append('"');
                i++;
              } else {
                quoted = false;
              }
            } else {
              f.append(c);
            }
          } else if (c == '"' && f.length() == 0) {
            quoted = true;
          } else if (c == ',') {
            fields.add(f.toString());
            f.setLength(0);
          } else {
            f.append(c);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
