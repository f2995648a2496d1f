package io.cloudimage.bench.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.testing.RequiredTools;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StressNgJobTest {
  private StressNgJob job() {
    return StressNgJob.builder()
        .stressor(Stressor.of("cpu").workers(1).method("fft"))
        .stressor(Stressor.of("vm").workers(1).option("bytes", "16M"))
        .duration(Duration.ofSeconds(1))
        .build();
  }

  @Test
  void buildsTheCommandLineWithMetricsAsYamlOnStdout() {
    assertThat(job().command().argv())
        .containsExactly(
            "stress-ng",
            "--cpu",
            "1",
            "--cpu-method",
            "fft",
            "--vm",
            "1",
            "--vm-bytes",
            "16M",
            "--timeout",
            "1s",
            "--metrics",
            "--yaml",
            "/dev/stdout");
    assertThat(job().command().timeout()).isEqualTo(Duration.ofSeconds(31));
  }

  @Test
  void rejectsBadValuesNamingTheStressor() {
    assertThatThrownBy(() -> Stressor.of("cpu").workers(-1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stressor cpu: workers must be between 0");
    assertThatThrownBy(() -> Stressor.of("cpu; rm -rf /"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stressor name");
    assertThatThrownBy(() -> StressNgJob.builder().duration(Duration.ofMillis(1500)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> StressNgJob.builder().stressor("cpu", 1).stressor("cpu", 2).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("listed twice");
  }

  @Test
  void runsWithRealStressNgAndPrintsYamlMetrics() {
    RequiredTools.command("stress-ng");
    CommandResult r = new LocalCommandRunner().run(job().command(), Cancellation.never());
    assertThat(r.succeeded()).as(r.stderr()).isTrue();
    assertThat(r.stdout()).contains("metrics:").contains("stressor: cpu").contains("stressor: vm");
  }
}
