package io.cloudimage.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cloudimage.bench.parse.Measurements;
import io.cloudimage.bench.parse.Metric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparerTest {
  private final Comparer comparer = Comparer.builder().build();

  private static final double[] A = {100, 101, 99, 100.5, 99.5};

  private static double[] times(double[] v, double f) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i] * f;
    }
    return o;
  }

  @Test
  void summarisesWithMedianAndInterquartileRange() {
    Summary s = Summary.of(new double[] {5, 1, 4, 2, 3});
    assertThat(s.median()).isEqualTo(3);
    assertThat(s.q1()).isEqualTo(2);
    assertThat(s.q3()).isEqualTo(4);
    assertThat(s.iqr()).isEqualTo(2);
    assertThat(Summary.of(new double[] {1, 2, 3, 4}).median()).isEqualTo(2.5);
  }

  @Test
  void throughputDownBeyondTheThresholdIsARegression() {
    MetricComparison m = comparer.metric("read.iops", "IOPS", true, A, times(A, 0.958));
    assertThat(m.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(m.regression()).isTrue();
    assertThat(m.ratio()).isCloseTo(0.958, within(1e-9));
    assertThat(m.ciHigh()).isLessThan(1);
    assertThat(m.ciLow()).isLessThanOrEqualTo(0.958).isGreaterThan(0.9);
    // Two fully separated groups of five: the exact two-sided p-value is 2 / C(10,5).
    assertThat(m.pValue()).isCloseTo(2.0 / 252, within(1e-9));
    assertThat(m.explanation())
        .startsWith("read.iops: B is 4.2% lower (95% CI")
        .endsWith("regression beyond the 3% threshold");
  }

  @Test
  void latencyDownIsBetter() {
    MetricComparison m = comparer.metric("boot.total", "s", false, A, times(A, 0.43));
    assertThat(m.verdict()).isEqualTo(Verdict.BETTER);
    assertThat(m.regression()).isFalse();
    assertThat(m.explanation()).contains("B is 57.0% faster").endsWith("improvement");
  }

  @Test
  void worseWithinTheThresholdIsWorseButNoRegression() {
    MetricComparison m = comparer.metric("cpu.ops", "ops/s", true, A, times(A, 0.98));
    assertThat(m.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(m.regression()).isFalse();
    assertThat(m.explanation()).endsWith("worse, within the 3% threshold");
  }

  @Test
  void theSameDistributionShowsNoDifference() {
    double[] b = {100.5, 99, 101, 99.5, 100};
    MetricComparison m = comparer.metric("read.iops", "IOPS", true, A, b);
    assertThat(m.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(m.ciLow()).isLessThanOrEqualTo(1);
    assertThat(m.ciHigh()).isGreaterThanOrEqualTo(1);
    assertThat(m.pValue()).isGreaterThan(0.5);
    assertThat(m.explanation()).startsWith("read.iops: no difference detectable with 5 runs each");
  }

  @Test
  void tooFewRunsCannotShowADifference() {
    MetricComparison m =
        comparer.metric("read.iops", "IOPS", true, new double[] {100}, new double[] {50});
    assertThat(m.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(m.pValue()).isEqualTo(1);
    // Three against three can at best reach p = 0.1: still no difference, whatever the gap.
    MetricComparison three =
        comparer.metric("x", "IOPS", true, new double[] {1, 1.1, 1.2}, new double[] {5, 5.1, 5.2});
    assertThat(three.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(three.pValue()).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    double[] a = {10, 12, 11, 13, 9, 10.5, 12.5};
    double[] b = {11, 13, 12.5, 14, 10, 11.5, 13};
    MetricComparison one = Comparer.builder().seed(7).build().metric("m", "u", true, a, b);
    MetricComparison two = Comparer.builder().seed(7).build().metric("m", "u", true, a, b);
    assertThat(two.ciLow()).isEqualTo(one.ciLow());
    assertThat(two.ciHigh()).isEqualTo(one.ciHigh());
  }

  @Test
  void comparesRunsMetricByMetricAndWritesTheDocumentedJson() {
    List<Measurements> a = new ArrayList<>();
    List<Measurements> b = new ArrayList<>();
    for (double v : A) {
      // p99 takes the same five values on both sides, in another order.
      a.add(run(v, 50 + (v - 100) / 10));
      b.add(run(v * 0.9, 50 - (v - 100) / 10));
    }
    Comparison c = comparer.compare(new RepeatedRuns("old", a), new RepeatedRuns("new", b));
    assertThat(c.metrics())
        .extracting(MetricComparison::name)
        .containsExactly("read.iops", "read.clat.p99");
    assertThat(c.regressions()).extracting(MetricComparison::name).containsExactly("read.iops");
    String json = c.toJson();
    assertThat(json)
        .contains("\"name\" : \"read.iops\"")
        .contains("\"higherIsBetter\" : true")
        .contains("\"ratio\" : ")
        .contains("\"ci95\" : [ ")
        .contains("\"pValue\" : ")
        .contains("\"verdict\" : \"worse\"")
        .contains("\"verdict\" : \"no-difference\"")
        .contains("\"n\" : 5")
        .contains("\"median\" : ")
        .contains("\"iqr\" : ");
  }

  @Test
  void aZeroMedianOnAHasNoRatio() {
    MetricComparison m =
        comparer.metric(
            "http.errors",
            "count",
            false,
            new double[] {0, 0, 0, 0, 0},
            new double[] {3, 4, 5, 3, 4});
    assertThat(m.ratio()).isNaN();
    assertThat(m.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(m.regression()).isTrue();
    Comparison c = new Comparison("a", "b", 0.95, 0.03, List.of(m));
    assertThat(c.toJson()).contains("\"ratio\" : null").contains("\"ci95\" : [ null, null ]");
  }

  private static Measurements run(double iops, double p99) {
    return new Measurements(
        "fio",
        List.of(
            new Metric("read.iops", "IOPS", true, iops),
            new Metric("read.clat.p99", "ns", false, p99)));
  }
}
