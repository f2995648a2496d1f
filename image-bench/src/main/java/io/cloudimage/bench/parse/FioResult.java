package io.cloudimage.bench.parse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed fio run: its version and each job's results, plus the jobs taken together.
 *
 * @param version fio's version, such as {@code fio-3.33}
 * @param jobs the jobs, in fio's order
 */
public record FioResult(String version, List<FioJobStats> jobs) {
  /** The percentiles that become metrics, when fio reported them. */
  private static final double[] METRIC_PERCENTILES = {50, 95, 99, 99.9};

  /** Copies the list. */
  public FioResult {
    jobs = List.copyOf(jobs);
  }

  /**
   * All jobs as one: IOPS, bandwidth, bytes and I/O counts add up; mean latencies and percentiles
   * are the I/O-weighted means of the jobs' values. For identical jobs that is a close estimate of
   * the pooled percentile; for exact pooled percentiles run fio with {@code group_reporting}, whose
   * single job this returns unchanged.
   */
  public FioJobStats aggregate() {
    if (jobs.size() == 1) {
      return jobs.get(0);
    }
    Map<IoDirection, IoStats> all = new EnumMap<>(IoDirection.class);
    int error = 0;
    for (FioJobStats j : jobs) {
      error = error != 0 ? error : j.error();
    }
    for (IoDirection d : IoDirection.values()) {
      List<IoStats> parts = new ArrayList<>();
      for (FioJobStats j : jobs) {
        j.direction(d).ifPresent(parts::add);
      }
      if (!parts.isEmpty()) {
        all.put(d, sum(parts));
      }
    }
    return new FioJobStats("all", error, all);
  }

  private static IoStats sum(List<IoStats> parts) {
    long bytes = 0;
    long ios = 0;
    double iops = 0;
    double bw = 0;
    long runtime = 0;
    for (IoStats p : parts) {
      bytes += p.ioBytes();
      ios += p.totalIos();
      iops += p.iops();
      bw += p.bandwidth();
      runtime = Math.max(runtime, p.runtimeMillis());
    }
    return new IoStats(
        bytes,
        ios,
        iops,
        bw,
        runtime,
        pool(parts.stream().map(IoStats::completion).toList()),
        pool(parts.stream().map(IoStats::total).toList()));
  }

  private static Latency pool(List<Latency> parts) {
    long n = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    double sum = 0;
    double sumSq = 0;
    Set<String> keys = null;
    for (Latency l : parts) {
      if (l.count() == 0) {
        continue;
      }
      n += l.count();
      min = Math.min(min, l.minNs());
      max = Math.max(max, l.maxNs());
      sum += l.meanNs() * l.count();
      // E[x^2] of each part, from its mean and deviation, pooled into one deviation.
      sumSq += (l.stddevNs() * l.stddevNs() + l.meanNs() * l.meanNs()) * l.count();
      if (keys == null) {
        keys = new HashSet<>(l.percentiles().keySet());
      } else {
        keys.retainAll(l.percentiles().keySet());
      }
    }
    if (n == 0 || keys == null) {
      return Latency.NONE;
    }
    double mean = sum / n;
    Map<String, Double> percentiles = new HashMap<>();
    for (String k : keys) {
      double weighted = 0;
      for (Latency l : parts) {
        if (l.count() > 0) {
          weighted += l.percentiles().getOrDefault(k, 0.0) * l.count();
        }
      }
      percentiles.put(k, weighted / n);
    }
    double variance = Math.max(0, sumSq / n - mean * mean);
    return new Latency(n, min, max, mean, Math.sqrt(variance), percentiles);
  }

  /**
   * The aggregate's metrics: for each direction that did I/O, {@code DIR.iops}, {@code DIR.bw}
   * (bytes/s), {@code DIR.clat.mean} and {@code DIR.clat.p50}, {@code .p95}, {@code .p99}, {@code
   * .p99.9} (ns) when reported, and {@code DIR.lat.mean} (ns).
   */
  public Measurements measurements() {
    List<Metric> metrics = new ArrayList<>();
    FioJobStats all = aggregate();
    for (IoDirection d : IoDirection.values()) {
      IoStats s = all.directions().get(d);
      if (s == null || s.totalIos() == 0) {
        continue;
      }
      String p = d.key();
      metrics.add(new Metric(p + ".iops", "IOPS", true, s.iops()));
      metrics.add(new Metric(p + ".bw", "B/s", true, s.bandwidth()));
      metrics.add(new Metric(p + ".clat.mean", "ns", false, s.completion().meanNs()));
      for (double q : METRIC_PERCENTILES) {
        String suffix = q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
        s.completion()
            .percentile(q)
            .ifPresent(v -> metrics.add(new Metric(p + ".clat.p" + suffix, "ns", false, v)));
      }
      if (s.total().count() > 0) {
        metrics.add(new Metric(p + ".lat.mean", "ns", false, s.total().meanNs()));
      }
    }
    return new Measurements("fio", metrics);
  }
}
