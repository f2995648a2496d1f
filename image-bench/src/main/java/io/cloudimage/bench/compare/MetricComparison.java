package io.cloudimage.bench.compare;

/**
 * One metric of two images compared.
 *
 * @param name the metric, such as {@code read.iops}
 * @param unit its unit
 * @param higherIsBetter whether larger values are improvements
 * @param a image A's runs
 * @param b image B's runs
 * @param ratio B's median over A's; NaN when A's median is 0
 * @param ciLow the lower end of the bootstrap confidence interval of the ratio (NaN likewise)
 * @param ciHigh the upper end
 * @param pValue the two-sided Mann-Whitney U test's p-value (1 when either side has one run)
 * @param verdict better, worse or no difference
 * @param regression whether B is worse by more than the comparison's threshold
 * @param explanation one sentence for a person
 */
public record MetricComparison(
    String name,
    String unit,
    boolean higherIsBetter,
    Summary a,
    Summary b,
    double ratio,
    double ciLow,
    double ciHigh,
    double pValue,
    Verdict verdict,
    boolean regression,
    String explanation) {
  /** The relative change of B against A in percent ({@code (ratio - 1) * 100}). */
  public double changePercent() {
    return (ratio - 1) * 100;
  }
}
