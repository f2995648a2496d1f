package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path dir;

  private Path fioResult() throws Exception {
    Path f = dir.resolve("fio.json");
    Files.writeString(
        f,
        """
        {"fio version":"fio-3.33","jobs":[{"jobname":"r","error":0,
         "read":{"io_bytes":1048576,"bw_bytes":1048576,"bw":1024,"iops":256.0,"runtime":1000,
          "total_ios":256,"clat_ns":{"min":1000,"max":9000,"mean":4000.5,"stddev":100.0,"N":256,
           "percentile":{"50.000000":4000,"99.000000":8800}}}}]}
        """);
    return f;
  }

  @Test
  void parsePrintsNormalisedMetricsAsJson() throws Exception {
    CliRun r = CliRun.of("--json", "bench", "parse", "fio", fioResult().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"tool\" : \"fio\"").contains("\"name\" : \"read.clat.p99\"");
  }

  @Test
  void truncatedInputIsExitThreeWithTheOffset() throws Exception {
    Path cut = dir.resolve("cut.json");
    Files.writeString(cut, Files.readString(fioResult()).substring(0, 60));
    CliRun r = CliRun.of("bench", "parse", "fio", cut.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("truncated or malformed JSON at offset");
  }

  @Test
  void anUnknownToolIsExitThreeListingTheKnownOnes() throws Exception {
    CliRun r = CliRun.of("bench", "parse", "perf", fioResult().toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("fio, stress-ng, systemd, cloud-init, iostat, nvidia-smi");
  }

  @Test
  void compareGivesVerdictsWritesTheReportAndFailsOnARegression() throws Exception {
    Path a = Files.createDirectories(dir.resolve("old"));
    Path b = Files.createDirectories(dir.resolve("new"));
    double[] base = {100, 101, 99, 100.5, 99.5};
    for (int i = 0; i < base.length; i++) {
      Files.writeString(a.resolve("run" + i + ".json"), result(base[i], 28 + i * 0.1));
      Files.writeString(b.resolve("run" + i + ".json"), result(base[i] * 0.95, 28.4 - i * 0.1));
    }
    Path html = dir.resolve("report.html");
    CliRun r =
        CliRun.of(
            "--json", "bench", "compare", a.toString(), b.toString(), "--report", html.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(r.out())
        .contains("\"verdict\" : \"worse\"")
        .contains("\"verdict\" : \"no-difference\"")
        .contains("\"ci95\"");
    assertThat(Files.readString(html)).contains("<svg class=\"boxplot\"");
    CliRun same = CliRun.of("bench", "compare", a.toString(), a.toString());
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).contains("no difference detectable with 5 runs each");
  }

  @Test
  void runExecutesAJobFileAndKeepsItsOutputForCompare() throws Exception {
    RequiredTools.command("stress-ng");
    Path job = dir.resolve("cpu.yaml");
    Files.writeString(job, "tool: stress-ng\nduration: 1s\nstressors: [{name: cpu, workers: 1}]\n");
    Path out = dir.resolve("runs");
    CliRun r = CliRun.of("--json", "bench", "run", job.toString(), "--output", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"timedOut\" : false").contains("cpu.bogo-ops-per-second-real");
    assertThat(out.resolve("run-001.yaml")).exists();
  }

  private static String result(double iops, double bootSeconds) {
    return String.format(
        Locale.ROOT,
        "{\"tool\":\"x\",\"metrics\":[{\"name\":\"read.iops\",\"unit\":\"IOPS\",\"higherIsBetter\":true,"
            + "\"value\":%s},{\"name\":\"boot.total\",\"unit\":\"s\",\"higherIsBetter\":false,\"value\":%s}]}",
        iops,
        bootSeconds);
  }
}
