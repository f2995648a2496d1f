package io.cloudimage.bench.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootParsersTest {
  @Test
  void readsSystemdAnalyzeTimeFromItsManualsExample() {
    BootTime t = BootTime.parse(Fixtures.text("systemd-analyze-time.txt"), "time");
    assertThat(t.phases())
        .containsExactly(
            java.util.Map.entry("kernel", Duration.ofMillis(2584)),
            java.util.Map.entry("initrd", Duration.ofMillis(19176)),
            java.util.Map.entry("userspace", Duration.ofMillis(47847)));
    assertThat(t.total()).isEqualTo(Duration.ofMillis(69608));
    assertThat(t.target()).contains("multi-user.target");
    assertThat(t.targetReachedAfter()).contains(Duration.ofMillis(47820));
  }

  @Test
  void readsFirmwareAndLoaderPhasesOfAnEfiBoot() {
    BootTime t = BootTime.parse(Fixtures.text("systemd-analyze-time-firmware.txt"), "t");
    assertThat(t.phases()).containsKeys("firmware", "loader", "kernel", "userspace");
    assertThat(t.measurements().metric("boot.total").orElseThrow().value()).isEqualTo(28.090);
  }

  @Test
  void aBootStillRunningIsBadInputSayingWhy() {
    String text =
        "Bootup is not yet finished (org.freedesktop.systemd1.Manager.FinishTimestampMonotonic=0).\n";
    assertThatThrownBy(() -> BootTime.parse(text, "t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no 'Startup finished in ...' line");
  }

  @Test
  void readsBlameSlowestFirstWithCompoundTimes() {
    List<UnitTime> blame = UnitTime.parseBlame(Fixtures.text("systemd-analyze-blame.txt"), "b");
    assertThat(blame).hasSize(7);
    assertThat(blame.get(0)).isEqualTo(new UnitTime("pmlogger.service", Duration.ofMillis(32875)));
    assertThat(blame.get(2))
        .isEqualTo(new UnitTime("cloud-init.service", Duration.ofMillis(62345)));
    assertThat(blame.get(6).time()).isEqualTo(Duration.ofMillis(3));
  }

  @Test
  void aBlameLineThatDoesNotReadNamesItsLine() {
    assertThatThrownBy(() -> UnitTime.parseBlame("  1.0s a.service\n  garbage\n", "b"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("b: line 2");
  }

  @Test
  void readsEveryBootRecordOfCloudInitAnalyzeShow() {
    List<CloudInitBoot> boots =
        CloudInitBoot.parse(Fixtures.text("cloud-init-analyze-show.txt"), "ci");
    assertThat(boots).hasSize(2);
    CloudInitBoot first = boots.get(0);
    assertThat(first.stages())
        .extracting(CloudInitBoot.Stage::name)
        .containsExactly("init-local", "init-network", "modules-config", "modules-final");
    assertThat(first.total()).contains(Duration.ofMillis(6467));
    CloudInitBoot second = boots.get(1);
    assertThat(second.stages())
        .extracting(CloudInitBoot.Stage::name)
        .containsExactly("init-local/search-NoCloud", "init-local", "init-network");
    Measurements m = second.measurements();
    assertThat(m.metric("cloud-init.total").orElseThrow().value()).isEqualTo(1.721);
    assertThat(m.metric("cloud-init.init-local/search-NoCloud")).isEmpty();
  }

  @Test
  void aCloudInitStageLineThatDoesNotReadNamesItsLine() {
    String bad = "-- Boot Record 01 --\nFinished stage: (init-local) soon\n";
    assertThatThrownBy(() -> CloudInitBoot.parse(bad, "ci"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ci: line 2");
  }
}
