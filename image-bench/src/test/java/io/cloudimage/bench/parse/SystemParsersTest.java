package io.cloudimage.bench.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cloudimage.core.error.InvalidInputException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemParsersTest {
  @Test
  void readsARecordedMeminfoInBytes() {
    MemInfo m = MemInfo.parse(Fixtures.text("meminfo.txt"), "meminfo");
    assertThat(m.field("MemTotal")).hasValue(24683548L * 1024);
    assertThat(m.usedBytes()).isEqualTo((24683548L - 22562364L) * 1024);
    assertThat(m.field("HugePages_Total")).isPresent();
    assertThat(m.measurements().metric("mem.used").orElseThrow().higherIsBetter()).isFalse();
  }

  @Test
  void aMeminfoLineThatDoesNotReadNamesItsLine() {
    assertThatThrownBy(() -> MemInfo.parse("MemTotal: 10 kB\nMemFree 3\n", "m"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("m: line 2");
  }

  @Test
  void readsARecordedIostatJsonReport() {
    IostatReport r = IostatReport.parse(Fixtures.text("iostat-x-json.json"), "io");
    assertThat(r.host()).isNotEmpty();
    assertThat(r.samples()).hasSize(2);
    IostatReport.Device vda = r.samples().get(0).devices().values().iterator().next();
    assertThat(vda.field("r/s")).isPresent();
    assertThat(vda.utilisation()).isPresent();
    assertThat(r.measurements().metrics())
        .extracting(Metric::name)
        .contains("cpu.iowait", vda.name() + ".util", vda.name() + ".r_await");
  }

  @Test
  void readsOlderSysstatsPercentUtil() {
    String json =
        "{\"sysstat\":{\"hosts\":[{\"nodename\":\"h\",\"statistics\":[{\"avg-cpu\":{\"iowait\":1.5},"
            + "\"disk\":[{\"disk_device\":\"sda\",\"r/s\":1.0,\"%util\":42.0}]}]}]}}";
    IostatReport r = IostatReport.parse(json, "old");
    assertThat(r.samples().get(0).devices().get("sda").utilisation()).hasValue(42.0);
  }

  @Test
  void truncatedIostatJsonNamesTheOffset() {
    String full = Fixtures.text("iostat-x-json.json");
    assertThatThrownBy(() -> IostatReport.parse(full.substring(0, 400), "io.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("io.json: truncated or malformed JSON at offset 400");
  }

  @Test
  void readsNvidiaSmiCsvFromItsDocumentation() {
    List<GpuStatus> gpus =
        GpuStatus.parse(Fixtures.text("nvidia-smi-query-gpu.csv"), List.of(), "smi");
    assertThat(gpus).hasSize(2);
    GpuStatus g = gpus.get(0);
    assertThat(g.name()).contains("Tesla K80");
    assertThat(g.driverVersion()).contains("367.38");
    assertThat(g.number("memory.total")).contains(11439.0);
    assertThat(g.field("utilization.gpu")).contains("0 %");
    assertThat(GpuStatus.measurements(gpus).metrics())
        .extracting(Metric::name)
        .contains("gpu0.memory.used", "gpu1.temperature.gpu");
  }

  @Test
  void readsNvidiaSmiWithoutHeaderGivenTheFields() {
    List<GpuStatus> gpus =
        GpuStatus.parse(
            "Tesla T4, 535.104.05, [N/A]\n", List.of("name", "driver_version", "power.draw"), "s");
    assertThat(gpus.get(0).driverVersion()).contains("535.104.05");
    assertThat(gpus.get(0).field("power.draw")).isEmpty();
    assertThatThrownBy(() -> GpuStatus.parse("Tesla T4, 535\n", List.of("name"), "s"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("s: line 1: 2 values for 1 fields");
  }

  @Test
  void decidesTheDriverSeriesAGpuNeeds() {
    DriverSeries.Decision k80 = DriverSeries.decide("Tesla K80", "535.104.05");
    assertThat(k80.action()).isEqualTo(DriverSeries.Action.DOWNGRADE);
    assertThat(k80.reason()).contains("R470");
    assertThat(DriverSeries.decide("Tesla K80", "470.256.02").action())
        .isEqualTo(DriverSeries.Action.KEEP);
    assertThat(DriverSeries.decide("NVIDIA H100 80GB HBM3", "470.82.01").action())
        .isEqualTo(DriverSeries.Action.UPGRADE);
    assertThat(
            DriverSeries.decide("NVIDIA A10G", "535.104.05").support().orElseThrow().architecture())
        .isEqualTo("Ampere");
    assertThat(
            DriverSeries.decide("NVIDIA A100-SXM4-40GB", "535.1")
                .support()
                .orElseThrow()
                .minBranch())
        .isEqualTo(450);
    assertThat(DriverSeries.decide("NVIDIA L4", "550.54").support().orElseThrow().architecture())
        .isEqualTo("Ada Lovelace");
    assertThat(
            DriverSeries.decide("NVIDIA GeForce RTX 3090", "550.54")
                .support()
                .orElseThrow()
                .architecture())
        .isEqualTo("Ampere");
    assertThat(DriverSeries.decide("Tesla V100-SXM2-16GB", "590.10").action())
        .isEqualTo(DriverSeries.Action.DOWNGRADE);
    assertThat(DriverSeries.decide("Mystery GPU 9000", "550.1").action())
        .isEqualTo(DriverSeries.Action.UNKNOWN_GPU);
  }

  @Test
  void readsWrkOutputFromItsReadme() {
    WrkResult w = WrkResult.parse(Fixtures.text("wrk-readme.txt"), "wrk");
    assertThat(w.requests()).isEqualTo(22464657);
    assertThat(w.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(w.requestsPerSecond()).isEqualTo(748868.53);
    assertThat(w.latencyAverage()).isEqualTo(Duration.ofNanos(635910));
    assertThat(w.latencyMax()).isEqualTo(Duration.ofNanos(12920000));
    assertThat((double) w.bytesRead()).isCloseTo(17.76 * (1L << 30), within(1.0));
    assertThat(w.bytesPerSecond()).isCloseTo(606.33 * (1 << 20), within(1.0));
  }

  @Test
  void readsWrkLatencyDistributionAndErrors() {
    WrkResult w = WrkResult.parse(Fixtures.text("wrk-latency.txt"), "wrk");
    assertThat(w.percentile(99)).contains(Duration.ofNanos(11050000));
    assertThat(w.percentile(50)).contains(Duration.ofNanos(605000));
    assertThat(w.socketErrors()).isEqualTo(5);
    assertThat(w.non2xxResponses()).isEqualTo(17);
    assertThat(w.measurements().metric("http.errors").orElseThrow().value()).isEqualTo(22);
    assertThat(w.measurements().metric("http.latency.p99")).isPresent();
  }

  @Test
  void wrkOutputCutShortIsBadInput() {
    String cut =
        Fixtures.text("wrk-readme.txt").lines().limit(5).reduce("", (a, b) -> a + b + "\n");
    assertThatThrownBy(() -> WrkResult.parse(cut, "wrk.txt"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("wrk.txt: no 'N requests in T, S read' line");
  }

  @Test
  void summarisesAJmeterResultsFilePerLabel() {
    JmeterResults r =
        JmeterResults.parse(new StringReader(Fixtures.text("jmeter-results.jtl")), "r.jtl");
    assertThat(r.labels()).containsOnlyKeys("home", "login, with comma");
    JmeterResults.Summary home = r.labels().get("home");
    assertThat(home.samples()).isEqualTo(3);
    assertThat(home.errors()).isZero();
    assertThat(home.p50Millis()).isEqualTo(100);
    assertThat(r.all().samples()).isEqualTo(5);
    assertThat(r.all().errors()).isEqualTo(1);
    assertThat(r.all().errorRate()).isEqualTo(0.2);
    assertThat(r.all().p99Millis()).isEqualTo(300);
    // 5 samples from the first start (…000) to the last end (…900 + 100 ms): 1 s.
    assertThat(r.all().throughputPerSecond()).isEqualTo(5.0);
  }

  @Test
  void aJtlRowCutShortNamesItsLine() {
    String text = Fixtures.text("jmeter-results.jtl");
    String cut = text.substring(0, text.lastIndexOf(',', text.length() - 10));
    assertThatThrownBy(() -> JmeterResults.parse(new StringReader(cut), "r.jtl"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("r.jtl: line 6")
        .hasMessageContaining("truncated");
  }

  @Test
  void detectsEachFormatFromItsText() {
    assertThat(ResultFormat.detect(Fixtures.text("fio-3.33-read-group.json"), "f"))
        .isEqualTo(ResultFormat.FIO);
    assertThat(ResultFormat.detect(Fixtures.text("stress-ng-0.15.06-cpu.yaml"), "f"))
        .isEqualTo(ResultFormat.STRESS_NG);
    assertThat(ResultFormat.detect(Fixtures.text("iostat-x-json.json"), "f"))
        .isEqualTo(ResultFormat.IOSTAT);
    assertThat(ResultFormat.detect(Fixtures.text("meminfo.txt"), "f"))
        .isEqualTo(ResultFormat.MEMINFO);
    Measurements m = ResultFormat.FIO.parse(Fixtures.text("fio-3.33-read-group.json"), "f");
    assertThat(Measurements.fromJson(m.toJson(), "again")).isEqualTo(m);
    assertThatThrownBy(() -> ResultFormat.named("perf"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fio, stress-ng, systemd");
  }
}
