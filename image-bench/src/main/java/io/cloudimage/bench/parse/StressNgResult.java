package io.cloudimage.bench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed stress-ng run.
 *
 * @param version stress-ng's version, when its system-info reported it
 * @param stressors each stressor's metrics, in stress-ng's order
 */
public record StressNgResult(Optional<String> version, List<StressorMetrics> stressors) {
  /** Copies the list. */
  public StressNgResult {
    stressors = List.copyOf(stressors);
  }

  /**
   * For each stressor S: {@code S.bogo-ops}, {@code S.bogo-ops-per-second-real} and {@code
   * S.bogo-ops-per-second-usr-sys}, all higher-is-better.
   */
  public Measurements measurements() {
    List<Metric> m = new ArrayList<>();
    for (StressorMetrics s : stressors) {
      m.add(new Metric(s.stressor() + ".bogo-ops", "ops", true, s.bogoOps()));
      m.add(
          new Metric(
              s.stressor() + ".bogo-ops-per-second-real", "ops/s", true, s.bogoOpsPerSecondReal()));
      m.add(
          new Metric(
              s.stressor() + ".bogo-ops-per-second-usr-sys",
              "ops/s",
              true,
              s.bogoOpsPerSecondUsrSys()));
    }
    return new Measurements("stress-ng", m);
  }
}
