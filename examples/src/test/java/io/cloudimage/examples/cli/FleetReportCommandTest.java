package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleet report}: a fleet planned and applied in-process, its savings as a page and JSON. */
class FleetReportCommandTest {
  private static final List<String> ACCOUNTS = List.of("team-a", "team-b");
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

  @TempDir Path dir;

  @BeforeEach
  void applyAFleet() throws IOException {
    int disk = 0;
    for (String account : ACCOUNTS) {
      for (String region : REGIONS) {
        Path home = dir.resolve("homes").resolve(account).resolve(region);
        try (LocalProvider local = LocalProvider.builder().home(home).build()) {
          // team-a retires two images per region, team-b one.
          int retire = account.equals("team-a") ? 2 : 1;
          for (int i = 0; i <= retire; i++) {
            Path file = dir.resolve("disk-" + disk++ + ".raw");
            byte[] bytes = new byte[1 << 20];
            bytes[0] = (byte) disk;
            Files.write(file, bytes);
            ImportRequest r =
                ImportRequest.of(
                    file, "img-" + i, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64);
            local.importImage(
                i < retire ? r.withTags(Tags.of("retire", "yes")) : r,
                ProgressListener.NONE,
                Cancellation.never());
          }
        }
      }
    }
    Files.writeString(
        dir.resolve("policy.yaml"),
        """
        name: retire-tagged
        protectNewestOfFamily: false
        rules:
          - name: retire
            when: {tag: {key: retire}}
            action: DEREGISTER
        """);
    Files.writeString(
        dir.resolve("fleet.yaml"),
        """
        name: report
        provider: local
        home: homes
        regions: [us-east-1, eu-west-1]
        accounts:
          - id: team-a
          - id: team-b
        policy: policy.yaml
        """);
    CliRun plan =
        CliRun.of(
            "fleet",
            "plan",
            "--fleet",
            dir.resolve("fleet.yaml").toString(),
            "-o",
            dir.resolve("plans").toString());
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    CliRun apply =
        CliRun.of(
            "fleet",
            "apply",
            "--plans",
            dir.resolve("plans").toString(),
            "--journal",
            dir.resolve("journals").toString(),
            "--yes");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
  }

  @Test
  void savingsPerAccountAndRegionAreChartedInlineWithTheJsonNextToThePage() throws IOException {
    Path html = dir.resolve("out").resolve("savings.html");
    Files.createDirectories(html.getParent());
    CliRun run =
        CliRun.of(
            "--json",
            "fleet",
            "report",
            "--journal",
            dir.resolve("journals").toString(),
            "--plans",
            dir.resolve("plans").toString(),
            "--html",
            html.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    JsonNode printed = Output.tree(run.out());
    JsonNode written = Output.tree(Files.readString(dir.resolve("out").resolve("savings.json")));
    assertThat(written).isEqualTo(printed);
    assertThat(printed.path("shards")).hasSize(4);
    assertThat(printed.path("shards"))
        .allSatisfy(s -> assertThat(s.path("verified").asBoolean()).isTrue());
    java.util.Map<String, Integer> doneByAccount = new java.util.TreeMap<>();
    for (JsonNode s : printed.path("shards")) {
      doneByAccount.merge(s.path("account").asText(), s.path("done").asInt(), Integer::sum);
      assertThat(s.path("unpriced").asInt()).as("every done action priced from its plan").isZero();
    }
    assertThat(doneByAccount)
        .containsExactly(java.util.Map.entry("team-a", 4), java.util.Map.entry("team-b", 2));
    String currency = printed.path("monthlySaving").fieldNames().next();
    BigDecimal a = printed.path("byAccount").path("team-a").path(currency).decimalValue();
    BigDecimal b = printed.path("byAccount").path("team-b").path(currency).decimalValue();
    BigDecimal east = printed.path("byRegion").path("us-east-1").path(currency).decimalValue();
    BigDecimal west = printed.path("byRegion").path("eu-west-1").path(currency).decimalValue();
    BigDecimal total = printed.path("monthlySaving").path(currency).decimalValue();
    assertThat(a).isGreaterThanOrEqualTo(b);
    assertThat(a.add(b)).isEqualByComparingTo(total);
    assertThat(east.add(west)).isEqualByComparingTo(total);

    String page = Files.readString(html);
    assertThat(page).contains("<svg", "team-a", "team-b", "us-east-1", "eu-west-1");
    assertThat(page).doesNotContain("<script src", "http://cdn", "https://");
    try (var files = Files.list(html.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("savings.html", "savings.json");
    }
  }

  @Test
  void aPageThatWouldOverwriteAJournalIsRefused() throws IOException {
    Path journal = dir.resolve("journals").resolve("local").resolve("team-a").resolve("us-east-1");
    Path file = journal.resolve("journal.jsonl");
    String before = Files.readString(file);
    Path html = journal.resolve("journal.html");
    // The JSON next to the page would be written over nothing; the page itself names a journal.
    CliRun run =
        CliRun.of(
            "fleet",
            "report",
            "--journal",
            dir.resolve("journals").toString(),
            "--html",
            file.toString().replace(".jsonl", ".html"));
    assertThat(run.exitCode()).isZero();
    Files.delete(html);
    Files.delete(journal.resolve("journal.json"));

    Path linked = dir.resolve("linked.html");
    Files.createLink(linked, file);
    CliRun refused =
        CliRun.of(
            "fleet",
            "report",
            "--journal",
            dir.resolve("journals").toString(),
            "--html",
            linked.toString());
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.err()).contains("same file");
    assertThat(Files.readString(file)).isEqualTo(before);
  }
}
