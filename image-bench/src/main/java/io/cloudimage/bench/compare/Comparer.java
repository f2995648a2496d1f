package io.cloudimage.bench.compare;

import io.cloudimage.bench.parse.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares repeated runs of the same job on two images, metric by metric: medians and interquartile
 * ranges, a percentile-bootstrap confidence interval of the ratio of medians (B over A), and a
 * two-sided Mann-Whitney U test. A metric differs only when both agree: the interval excludes 1 and
 * the p-value is below {@code 1 - confidence}. The bootstrap is seeded, so the same inputs always
 * give the same answer.
 *
 * <pre>{@code
 * Comparison c = Comparer.builder().threshold(0.03).build()
 *     .compare(RepeatedRuns.read(Path.of("old")), RepeatedRuns.read(Path.of("new")));
 * c.metrics().forEach(m -> System.out.println(m.explanation()));
 * }</pre>
 */
public final class Comparer {
  private final double confidence;
  private final int resamples;
  private final long seed;
  private final double threshold;

  private Comparer(Builder b) {
    this.confidence = b.confidence;
    this.resamples = b.resamples;
    this.seed = b.seed;
    this.threshold = b.threshold;
  }

  /** A new builder: 95% confidence, 10,000 resamples, seed 1, 3% threshold. */
  public static Builder builder() {
    return new Builder();
  }

  /** Compares every metric that both sides measured, in A's order. */
  public Comparison compare(RepeatedRuns a, RepeatedRuns b) {
    Map<String, double[]> av = a.values();
    Map<String, double[]> bv = b.values();
    List<MetricComparison> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : av.entrySet()) {
      double[] y = bv.get(e.getKey());
      if (y == null) {
        continue;
      }
      Metric d = a.describe(e.getKey()).orElseThrow();
      out.add(metric(d.name(), d.unit(), d.higherIsBetter(), e.getValue(), y));
    }
    return new Comparison(a.label(), b.label(), confidence, threshold, out);
  }

  /** Compares one metric's values on A and on B. */
  public MetricComparison metric(
      String name, String unit, boolean higherIsBetter, double[] a, double[] b) {
    Summary sa = Summary.of(a);
    Summary sb = Summary.of(b);
    double ratio = sa.median() == 0 ? Double.NaN : sb.median() / sa.median();
    double[] ci = bootstrap(name, a, b);
    double p = pValue(a, b);
    double alpha = 1 - confidence;
    boolean intervalExcludesOne = !Double.isNaN(ci[0]) && (ci[0] > 1 || ci[1] < 1);
    boolean differs =
        p < alpha && (Double.isNaN(ratio) ? sa.median() != sb.median() : intervalExcludesOne);
    Verdict verdict;
    if (!differs) {
      verdict = Verdict.NO_DIFFERENCE;
    } else {
      boolean bHigher = sb.median() > sa.median();
      verdict = bHigher == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
    }
    boolean regression =
        verdict == Verdict.WORSE && (Double.isNaN(ratio) || Math.abs(ratio - 1) > threshold);
    return new MetricComparison(
        name,
        unit,
        higherIsBetter,
        sa,
        sb,
        ratio,
        ci[0],
        ci[1],
        p,
        verdict,
        regression,
        explain(name, unit, sa, sb, ratio, ci, p, verdict, regression));
  }

  private double[] bootstrap(String name, double[] a, double[] b) {
    // One stream per metric, derived from the seed and the name: adding a metric does not change
    // another metric's interval.
    SplittableRandom random = new SplittableRandom(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
    double[] ratios = new double[resamples];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    int k = 0;
    for (int i = 0; i < resamples; i++) {
      for (int j = 0; j < a.length; j++) {
        ra[j] = a[random.nextInt(a.length)];
      }
      for (int j = 0; j < b.length; j++) {
        rb[j] = b[random.nextInt(b.length)];
      }
      double ma = Summary.median(ra);
      if (ma != 0) {
        ratios[k++] = Summary.median(rb) / ma;
      }
    }
    if (k == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] sorted = Arrays.copyOf(ratios, k);
    Arrays.sort(sorted);
    double tail = (1 - confidence) / 2;
    return new double[] {Summary.quantile(sorted, tail), Summary.quantile(sorted, 1 - tail)};
  }

  private static double pValue(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return 1;
    }
    return MannWhitneyUTest.withDefaults().test(a, b).getPValue();
  }

  private String explain(
      String name,
      String unit,
      Summary a,
      Summary b,
      double ratio,
      double[] ci,
      double p,
      Verdict verdict,
      boolean regression) {
    String runs =
        a.n() == b.n() ? a.n() + " runs each" : a.n() + " runs of A and " + b.n() + " of B";
    String conf = Math.round(confidence * 100) + "% CI";
    if (Double.isNaN(ratio)) {
      return String.format(
          Locale.ROOT,
          "%s: A's median is 0, B's is %s (p=%.3f, %s): %s",
          name,
          fmt(b.median()),
          p,
          runs,
          verdict.json());
    }
    if (verdict == Verdict.NO_DIFFERENCE) {
      return String.format(
          Locale.ROOT,
          "%s: no difference detectable with %s (B/A %.3f, %s %.3f-%.3f, p=%.3f)",
          name,
          runs,
          ratio,
          conf,
          ci[0],
          ci[1],
          p);
    }
    double change = Math.abs(ratio - 1) * 100;
    double lo = Math.abs(ci[0] - 1) * 100;
    double hi = Math.abs(ci[1] - 1) * 100;
    boolean time = unit.equals("s") || unit.equals("ms") || unit.equals("ns") || unit.equals("us");
    String word = time ? (ratio > 1 ? "slower" : "faster") : (ratio > 1 ? "higher" : "lower");
    String tail;
    if (verdict == Verdict.BETTER) {
      tail = "improvement";
    } else {
      tail =
          regression
              ? String.format(Locale.ROOT, "regression beyond the %s%% threshold", pct(threshold))
              : String.format(Locale.ROOT, "worse, within the %s%% threshold", pct(threshold));
    }
    return String.format(
        Locale.ROOT,
        "%s: B is %.1f%% %s (%s %.1f-%.1f%%, p=%.3f, %s): %s",
        name,
        change,
        word,
        conf,
        Math.min(lo, hi),
        Math.max(lo, hi),
        p,
        runs,
        tail);
  }

  private static String pct(double fraction) {
    double v = fraction * 100;
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Builds a {@link Comparer}. */
  public static final class Builder {
    private double confidence = 0.95;
    private int resamples = 10_000;
    private long seed = 1;
    private double threshold = 0.03;

    private Builder() {}

    /** The confidence level of the interval and the test, between 0.5 and 0.999. Default 0.95. */
    public Builder confidence(double level) {
      if (!(level >= 0.5 && level <= 0.999)) {
        throw new IllegalArgumentException(
            "confidence must be between 0.5 and 0.999, was " + level);
      }
      this.confidence = level;
      return this;
    }

    /** The bootstrap's resamples, 100 to 1,000,000. Default 10,000. */
    public Builder resamples(int n) {
      if (n < 100 || n > 1_000_000) {
        throw new IllegalArgumentException("resamples must be between 100 and 1000000, was " + n);
      }
      this.resamples = n;
      return this;
    }

    /** The bootstrap's seed; the same seed gives the same interval. Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The relative change beyond which a worse metric is a regression, 0 to 1 (0.03 is 3%). Default
     * 0.03: the benchmark methodology accepts CPU differences under 3% under load.
     */
    public Builder threshold(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("threshold must be between 0 and 1, was " + fraction);
      }
      this.threshold = fraction;
      return this;
    }

    /** The comparer. */
    public Comparer build() {
      return new Comparer(this);
    }
  }
}
