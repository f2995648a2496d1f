package io.cloudimage.bench.parse;

import java.util.Objects;

/**
 * One measured number in the form comparisons use: a dotted name such as {@code read.iops}, its
 * unit, which direction is better, and the value.
 *
 * @param name the metric's name, such as {@code read.clat.p99} or {@code
 *     cpu.bogo-ops-per-second-real}
 * @param unit the unit, such as {@code IOPS}, {@code B/s}, {@code ns}, {@code s}, {@code kB}
 * @param higherIsBetter whether a larger value is an improvement (throughput) or not (latency,
 *     time)
 * @param value the value
 */
public record Metric(String name, String unit, boolean higherIsBetter, double value) {
  /** Checks the values. */
  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " is not a finite number: " + value);
    }
  }
}
