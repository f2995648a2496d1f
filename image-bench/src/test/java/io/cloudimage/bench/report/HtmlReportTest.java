package io.cloudimage.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.bench.compare.Comparer;
import io.cloudimage.bench.compare.Comparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  static Comparison sample() {
    Comparer c = Comparer.builder().build();
    return new Comparison(
        "ubuntu-22.04 <old>",
        "ubuntu-24.04",
        0.95,
        0.03,
        List.of(
            c.metric(
                "read.iops",
                "IOPS",
                true,
                new double[] {100, 101, 99, 100.5, 99.5},
                new double[] {95.8, 96.8, 94.8, 96.3, 95.3}),
            c.metric(
                "boot.total",
                "s",
                false,
                new double[] {65, 66, 64, 65.5, 64.5},
                new double[] {28, 29, 27, 28.5, 27.5}),
            c.metric(
                "cpu.bogo-ops-per-second-real",
                "ops/s",
                true,
                new double[] {10, 11, 10.5},
                new double[] {10.2, 10.8, 10.4})));
  }

  @Test
  void drawsABoxPlotAndARatioPerMetricInOneSelfContainedPage() throws Exception {
    Path out = dir.resolve("report.html");
    HtmlReport.write(sample(), out);
    String html = Files.readString(out);
    assertThat(Pattern.compile("<svg class=\"boxplot\"").matcher(html).results().count())
        .isEqualTo(3);
    assertThat(Pattern.compile("<svg class=\"ratio\"").matcher(html).results().count())
        .isEqualTo(3);
    assertThat(html).contains("regression beyond the 3% threshold").contains("1 regression(s).");
    assertThat(html).contains("95% confidence intervals").contains("beyond 3% is a regression");
    // Nothing is loaded from elsewhere: no src or href attributes, no stylesheet links.
    assertThat(html).doesNotContain(" src=").doesNotContain(" href=").doesNotContain("<link");
    assertThat(html).contains("ubuntu-22.04 &lt;old&gt;").doesNotContain("<old>");
    assertThat(html).contains("<script type=\"application/json\" id=\"comparison\">");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
    }
  }
}
