package io.cloudimage.bench.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class StressNgParserTest {
  @Test
  void readsEachStressorOfARecordedRun() {
    StressNgResult r = StressNgParser.parse(Fixtures.text("stress-ng-0.15.06-cpu.yaml"), "s");
    assertThat(r.version()).contains("0.15.06");
    StressorMetrics cpu = r.stressors().get(0);
    assertThat(cpu.stressor()).isEqualTo("cpu");
    assertThat(cpu.bogoOps()).isEqualTo(226);
    assertThat(cpu.bogoOpsPerSecondReal()).isEqualTo(234.819131);
    assertThat(cpu.bogoOpsPerSecondUsrSys()).isEqualTo(2408.251993);
    assertThat(cpu.wallClockSeconds()).isEqualTo(0.962443);
  }

  @Test
  void givesRealAndUsrSysRatesPerStressorAsMetrics() {
    Measurements m =
        StressNgParser.parse(Fixtures.text("stress-ng-0.15.06-cpu-vm.yaml"), "s").measurements();
    assertThat(m.metrics())
        .extracting(Metric::name)
        .contains(
            "cpu.bogo-ops-per-second-real",
            "cpu.bogo-ops-per-second-usr-sys",
            "vm.bogo-ops-per-second-real",
            "vm.bogo-ops");
  }

  @Test
  void outputCutShortIsBadInputSayingSo() {
    String full = Fixtures.text("stress-ng-0.15.06-cpu-vm.yaml");
    String cut = full.substring(0, full.indexOf("metrics:") + 40);
    assertThatThrownBy(() -> StressNgParser.parse(cut, "cut.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cut.yaml: truncated stress-ng YAML")
        .hasMessageContaining("no '...' document end")
        .hasMessageContaining("line");
  }

  @Test
  void malformedYamlNamesTheLine() {
    String bad = "---\nmetrics:\n    - stressor: cpu\n      bogo-ops: [1\n...\n";
    assertThatThrownBy(() -> StressNgParser.parse(bad, "bad.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.yaml: malformed stress-ng YAML at line");
  }

  @Test
  void aMissingFieldIsNamed() {
    String bad = "---\nmetrics:\n    - stressor: cpu\n      bogo-ops: 1\n...\n";
    assertThatThrownBy(() -> StressNgParser.parse(bad, "b.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("metrics[0]: field 'bogo-ops-per-second-real-time' is missing");
  }
}
