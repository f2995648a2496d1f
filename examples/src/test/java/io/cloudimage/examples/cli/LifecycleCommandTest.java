package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleCommandTest {
  private static final com.fasterxml.jackson.databind.json.JsonMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  @TempDir Path dir;

  /**
   * Two images of one family, imported now; planning as of a later instant finds the older unused.
   */
  private String home() throws Exception {
    String home = dir.resolve("home").toString();
    for (String name : List.of("web-1", "web-2")) {
      Path disk = TourCommand.sampleDisk(dir, name + ".raw", 1, name.hashCode());
      CliRun run =
          CliRun.of(
              "images",
              "import",
              disk.toString(),
              "--name",
              name,
              "--os",
              "ubuntu:24.04",
              "--arch",
              "arm64",
              "--family",
              "web",
              "--home",
              home,
              "--quiet");
      assertThat(run.exitCode()).as(run.err()).isZero();
    }
    return home;
  }

  /** A policy that archives anything older than a second, so a plan made now has work to do. */
  private Path quickPolicy() throws Exception {
    Thread.sleep(1100);
    return Files.writeString(
        dir.resolve("quick.yaml"),
        "name: quick\nprotectNewestOfFamily: false\nrules:\n  - name: archive-1s\n"
            + "    when: {olderThan: 1s}\n    action: ARCHIVE\n");
  }

  @Test
  void planFromAnInventoryFileHasTheContractShape() throws Exception {
    String home = home();
    Path inventory = dir.resolve("inventory.json");
    Files.writeString(inventory, CliRun.of("images", "list", "--json", "--home", home).out());
    CliRun run =
        CliRun.of(
            "lifecycle",
            "plan",
            "--policy",
            "default",
            "--inventory",
            inventory.toString(),
            "--now",
            "2030-01-01T00:00:00Z",
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode plan = JSON.readTree(run.out());
    assertThat(plan.get("actions")).hasSize(1);
    JsonNode action = plan.get("actions").get(0);
    assertThat(action.fieldNames())
        .toIterable()
        .contains("resource", "action", "reason", "monthlySaving");
    assertThat(action.get("action").asText()).isEqualTo("ARCHIVE");
    assertThat(action.get("resource").asText()).startsWith("img-");
    assertThat(plan.has("monthlySaving")).isTrue();
  }

  @Test
  void applyIsADryRunUntilYesThenJournaledAndVerifiable() throws Exception {
    String home = home();
    Path planFile = dir.resolve("plan.json");
    CliRun planned =
        CliRun.of(
            "lifecycle",
            "plan",
            "--policy",
            quickPolicy().toString(),
            "--home",
            home,
            "-o",
            planFile.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    Path journal = dir.resolve("journal");

    CliRun dry =
        CliRun.of(
            "lifecycle",
            "apply",
            "--plan",
            planFile.toString(),
            "--journal",
            journal.toString(),
            "--home",
            home);
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("WOULD_RUN", "dry run");
    assertThat(CliRun.of("images", "list", "--json", "--home", home).out())
        .doesNotContain("ARCHIVE");

    CliRun applied =
        CliRun.of(
            "lifecycle",
            "apply",
            "--plan",
            planFile.toString(),
            "--journal",
            journal.toString(),
            "--home",
            home,
            "--yes",
            "--json");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(JSON.readTree(applied.out()).get("results").get(0).get("status").asText())
        .isEqualTo("DONE");
    assertThat(CliRun.of("images", "list", "--json", "--home", home).out()).contains("ARCHIVE");

    CliRun verified = CliRun.of("lifecycle", "journal", "verify", journal.toString());
    assertThat(verified.exitCode()).isZero();
    assertThat(verified.out()).contains("intact");
  }

  @Test
  void editedPlanIsRefusedAndEditedJournalIsNamed() throws Exception {
    String home = home();
    Path planFile = dir.resolve("plan.json");
    CliRun.of(
        "lifecycle",
        "plan",
        "--policy",
        quickPolicy().toString(),
        "--home",
        home,
        "-o",
        planFile.toString());
    Files.writeString(planFile, Files.readString(planFile).replace("ARCHIVE", "ERASE"));
    CliRun run =
        CliRun.of(
            "lifecycle",
            "apply",
            "--plan",
            planFile.toString(),
            "--journal",
            dir.resolve("j").toString(),
            "--home",
            home,
            "--yes");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(CliRun.of("images", "list", "--json", "--home", home).out()).contains("img-");

    Path journal = dir.resolve("journal");
    Path good = dir.resolve("good.json");
    CliRun.of(
        "lifecycle",
        "plan",
        "--policy",
        quickPolicy().toString(),
        "--home",
        home,
        "-o",
        good.toString());
    CliRun.of(
        "lifecycle",
        "apply",
        "--plan",
        good.toString(),
        "--journal",
        journal.toString(),
        "--home",
        home,
        "--yes");
    Path log;
    try (var files = Files.list(journal)) {
      log =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    List<String> lines = Files.readAllLines(log);
    lines.set(0, lines.get(0).replace("RUN_START", "RUN_STRAT"));
    Files.write(log, lines);
    CliRun verify = CliRun.of("lifecycle", "journal", "verify", journal.toString(), "--json");
    assertThat(verify.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(JSON.readTree(verify.out()).get("firstBadLine").asLong()).isEqualTo(1);
  }

  @Test
  void badPolicyFileIsBadInput() throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("policy.yaml"),
            "rules:\n  - name: x\n    when: {unusedFor: soon}\n    then: ARCHIVE\n");
    CliRun run =
        CliRun.of(
            "lifecycle",
            "plan",
            "--policy",
            policy.toString(),
            "--home",
            dir.resolve("home").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("policy.yaml");
  }

  @Test
  void reportGivesTheKpis() throws Exception {
    CliRun run = CliRun.of("lifecycle", "report", "--home", home(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("images").asInt()).isEqualTo(2);
    assertThat(report.has("reuseRate")).isTrue();
    assertThat(report.get("byTier").get("HOT").asInt()).isEqualTo(4);
  }

  @Test
  void planDatedInTheFutureIsRefusedAsBadInput() throws Exception {
    String home = home();
    Path planFile = dir.resolve("future.json");
    CliRun planned =
        CliRun.of(
            "lifecycle",
            "plan",
            "--policy",
            "default",
            "--now",
            java.time.Instant.now().plus(java.time.Duration.ofDays(200)).toString(),
            "--home",
            home,
            "-o",
            planFile.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(JSON.readTree(planFile.toFile()).get("actions")).isNotEmpty();

    CliRun run =
        CliRun.of(
            "lifecycle",
            "apply",
            "--plan",
            planFile.toString(),
            "--journal",
            dir.resolve("journal").toString(),
            "--home",
            home,
            "--yes");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("in the future");
    assertThat(CliRun.of("images", "list", "--json", "--home", home).out())
        .doesNotContain("ARCHIVE");
    CliRun badAge =
        CliRun.of(
            "lifecycle",
            "apply",
            "--plan",
            planFile.toString(),
            "--journal",
            dir.resolve("journal").toString(),
            "--home",
            home,
            "--max-plan-age",
            "soon");
    assertThat(badAge.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(badAge.err()).contains("--max-plan-age");
  }

  @Test
  void journalVerifiesAgainstAnAnchorAndHumanPlanOutputIsReadable() throws Exception {
    String home = home();
    Path planFile = dir.resolve("plan.json");
    CliRun planned =
        CliRun.of(
            "lifecycle",
            "plan",
            "--policy",
            quickPolicy().toString(),
            "--home",
            home,
            "-o",
            planFile.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    Path journal = dir.resolve("journal");
    CliRun applied =
        CliRun.of(
            "lifecycle",
            "apply",
            "--plan",
            planFile.toString(),
            "--journal",
            journal.toString(),
            "--home",
            home,
            "--yes");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    JsonNode v =
        JSON.readTree(
            CliRun.of("lifecycle", "journal", "verify", journal.toString(), "--json").out());
    String anchor = v.get("lastHash").asText();

    CliRun good =
        CliRun.of("lifecycle", "journal", "verify", journal.toString(), "--expect-head", anchor);
    assertThat(good.exitCode()).as(good.out()).isZero();
    CliRun bad =
        CliRun.of(
            "lifecycle", "journal", "verify", journal.toString(), "--expect-head", "ab".repeat(32));
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(bad.out()).contains("expected head");

    // Planned again, everything is archived now or skipped: skipped lines read as sentences.
    CliRun again = CliRun.of("lifecycle", "plan", "--policy", "default", "--home", home);
    assertThat(again.out()).doesNotContain("SkippedAction[");
  }
}
