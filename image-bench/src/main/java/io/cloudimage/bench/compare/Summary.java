package io.cloudimage.bench.compare;

import java.util.Arrays;

/**
 * The robust summary of one metric's repeated values: count, median, quartiles and their range.
 * Quartiles interpolate linearly between order statistics (the common "type 7" definition that
 * spreadsheets and NumPy use).
 *
 * @param n how many values
 * @param median the median
 * @param q1 the first quartile
 * @param q3 the third quartile
 * @param min the smallest value
 * @param max the largest value
 */
public record Summary(int n, double median, double q1, double q3, double min, double max) {
  /** The summary of {@code values}, at least one. */
  public static Summary of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a summary needs at least one value");
    }
    double[] s = values.clone();
    Arrays.sort(s);
    return new Summary(
        s.length, quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75), s[0], s[s.length - 1]);
  }

  /** The interquartile range, {@code q3 - q1}. */
  public double iqr() {
    return q3 - q1;
  }

  /** The {@code p}-quantile of sorted values, interpolating linearly. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The median of values, sorting a copy. */
  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return quantile(s, 0.5);
  }
}
