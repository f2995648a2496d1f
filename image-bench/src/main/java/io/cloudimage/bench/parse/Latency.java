package io.cloudimage.bench.parse;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A latency distribution as fio reports it, in nanoseconds. Percentiles keep fio's own string keys
 * ({@code "99.000000"}, {@code "99.900000"}), so that a key read from one fio version is found by
 * the same key in another.
 *
 * @param count the number of I/Os measured
 * @param minNs the smallest latency
 * @param maxNs the largest latency
 * @param meanNs the mean
 * @param stddevNs the standard deviation
 * @param percentiles fio's percentile keys to their latency, sorted by key's value
 */
public record Latency(
    long count,
    double minNs,
    double maxNs,
    double meanNs,
    double stddevNs,
    Map<String, Double> percentiles) {
  /** A distribution with no samples. */
  public static final Latency NONE = new Latency(0, 0, 0, 0, 0, Map.of());

  /** Copies the map, sorted by the percentile's numeric value. */
  public Latency {
    TreeMap<String, Double> sorted =
        new TreeMap<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
    sorted.putAll(percentiles);
    percentiles = java.util.Collections.unmodifiableMap(sorted);
  }

  /** fio's key for a percentile: {@code 99.0 -> "99.000000"}. */
  public static String key(double percentile) {
    return String.format(Locale.ROOT, "%.6f", percentile);
  }

  /** The latency at {@code percentile} (such as 99.9), when fio reported that percentile. */
  public Optional<Double> percentile(double percentile) {
    return Optional.ofNullable(percentiles.get(key(percentile)));
  }
}
