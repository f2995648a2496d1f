package io.cloudimage.bench.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cloudimage.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class FioParserTest {
  @Test
  void readsEachJobOfARecordedRunPastFiosNotesOnStdout() {
    FioResult r = FioParser.parse(Fixtures.text("fio-3.33-randrw-2jobs.json"), "run.json");
    assertThat(r.version()).isEqualTo("fio-3.33");
    assertThat(r.jobs()).hasSize(2);
    IoStats read = r.jobs().get(0).direction(IoDirection.READ).orElseThrow();
    assertThat(read.iops()).isEqualTo(3590.049751);
    assertThat(read.bandwidth()).isEqualTo(14704843);
    assertThat(read.totalIos()).isEqualTo(3608);
    assertThat(read.completion().percentiles()).containsEntry("99.000000", 3653632.0);
    assertThat(read.completion().percentile(99)).contains(3653632.0);
  }

  @Test
  void aggregatesJobsAddingRatesAndWeighingLatenciesByIos() {
    FioJobStats all = FioParser.parse(Fixtures.text("fio-3.33-randrw-2jobs.json"), "f").aggregate();
    IoStats read = all.direction(IoDirection.READ).orElseThrow();
    assertThat(read.iops()).isCloseTo(3590.049751 + 3576.423576, within(1e-6));
    assertThat(read.bandwidth()).isEqualTo(14704843.0 + 14649030.0);
    assertThat(read.completion().percentile(99).orElseThrow())
        .isCloseTo((3653632.0 * 3608 + 3522560.0 * 3580) / (3608 + 3580), within(1e-3));
    assertThat(all.direction(IoDirection.WRITE).orElseThrow().iops())
        .isCloseTo(3709.452736 + 3717.282717, within(1e-6));
  }

  @Test
  void namesMetricsAsTheCompareShapeExpects() {
    Measurements m =
        FioParser.parse(Fixtures.text("fio-3.33-randrw-2jobs.json"), "f").measurements();
    assertThat(m.metrics())
        .extracting(Metric::name)
        .contains("read.iops", "read.bw", "read.clat.p99", "write.iops", "write.clat.p99.9")
        .doesNotContain("trim.iops");
    assertThat(m.metric("read.iops").orElseThrow().higherIsBetter()).isTrue();
    assertThat(m.metric("read.clat.p99").orElseThrow().higherIsBetter()).isFalse();
  }

  @Test
  void groupReportingGivesOneJobThatIsItsOwnAggregate() {
    FioResult r = FioParser.parse(Fixtures.text("fio-3.33-read-group.json"), "g");
    assertThat(r.jobs()).hasSize(1);
    assertThat(r.aggregate().direction(IoDirection.READ).orElseThrow().iops())
        .isEqualTo(29890.438247);
    assertThat(r.measurements().metric("read.clat.p99.9").orElseThrow().value())
        .isEqualTo(7831552.0);
  }

  /** The shape fio's documentation shows for early 3.x: bandwidth only in KiB/s. */
  @Test
  void readsBandwidthInKibibytesWhenBwBytesIsAbsent() {
    String json =
        """
        {"fio version":"fio-3.1","jobs":[{"jobname":"seq","error":0,
         "read":{"io_bytes":1048576,"bw":1024,"iops":256.0,"runtime":1000,"total_ios":256,
          "clat_ns":{"min":1000,"max":9000,"mean":4000.5,"stddev":100.0,"N":256,
           "percentile":{"1.000000":1200,"50.000000":4000,"99.000000":8800}},
          "lat_ns":{"min":1100,"max":9100,"mean":4100.0,"stddev":100.0,"N":256}},
         "write":{"io_bytes":0,"bw":0,"iops":0.0,"runtime":0,"total_ios":0,
          "clat_ns":{"min":0,"max":0,"mean":0.0,"stddev":0.0,"N":0}}}]}
        """;
    Measurements m = FioParser.parse(json, "old").measurements();
    assertThat(m.metric("read.bw").orElseThrow().value()).isEqualTo(1024 * 1024.0);
    assertThat(m.metric("read.clat.p50").orElseThrow().value()).isEqualTo(4000.0);
    assertThat(m.metric("read.lat.mean").orElseThrow().value()).isEqualTo(4100.0);
    assertThat(m.metric("write.iops")).isEmpty();
  }

  @Test
  void truncatedJsonIsBadInputWithTheOffset() {
    String full = Fixtures.text("fio-3.33-randrw-2jobs.json");
    String cut = full.substring(0, 3000);
    assertThatThrownBy(() -> FioParser.parse(cut, "cut.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cut.json: truncated or malformed JSON at offset 3000");
  }

  @Test
  void otherJsonIsBadInputNamingWhatIsMissing() {
    assertThatThrownBy(() -> FioParser.parse("{\"jobs\":[]}", "x.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not fio output");
    assertThatThrownBy(() -> FioParser.parse("fio: no such file\n", "x.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--output-format=json");
  }
}
