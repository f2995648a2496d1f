package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad numbers, keys and shapes in files and options end with exit 3 and a message naming the file,
 * line and field, never with an internal error or a silently wrong result.
 */
class StrictInputCommandTest {
  /** Reads the command line's output strictly: a repeated key fails the test. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @TempDir Path dir;

  private static final String EMPTY_INVENTORY = "[]";

  private CliRun plan(String policyName, String policy) throws Exception {
    Path file = dir.resolve(policyName);
    Files.writeString(file, policy);
    Path inventory = dir.resolve("inventory.json");
    Files.writeString(inventory, EMPTY_INVENTORY);
    return CliRun.of(
        "lifecycle",
        "plan",
        "--policy",
        file.toString(),
        "--inventory",
        inventory.toString(),
        "--now",
        "2030-01-01T00:00:00Z");
  }

  private static String rule(String when) {
    return "name: p\nrules:\n  - name: r\n    when: " + when + "\n    action: ARCHIVE\n";
  }

  @Test
  void duplicateActionInAYamlRuleIsRefusedNamingTheKeyAndBothLines() throws Exception {
    CliRun run =
        plan(
            "dup.yaml",
            "name: p\nrules:\n  - name: r\n    when: {unusedFor: 30d}\n"
                + "    action: ARCHIVE\n    action: ERASE\n");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("dup.yaml", "'action'", "line 5", "line 6");
  }

  @Test
  void duplicateActionInAJsonRuleIsRefused() throws Exception {
    CliRun run =
        plan(
            "dup.json",
            "{\"name\": \"p\", \"rules\": [{\"name\": \"r\", \"when\": {\"unusedFor\": \"30d\"},\n"
                + "\"action\": \"ARCHIVE\",\n\"action\": \"ERASE\"}]}");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("dup.json", "'action'", "line 2", "line 3");
  }

  @Test
  void aPolicyNestedAThousandDeepIsExitThree() throws Exception {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    CliRun json = plan("deep.json", "{\"name\": \"p\", \"rules\": " + deep + "}");
    assertThat(json.exitCode()).as(json.err()).isEqualTo(3);
    assertThat(json.err()).contains("deep.json", "nest");
    CliRun yaml = plan("deep.yaml", "name: p\nrules: " + deep + "\n");
    assertThat(yaml.exitCode()).as(yaml.err()).isEqualTo(3);
    assertThat(yaml.err()).contains("deep.yaml", "nest");
  }

  @Test
  void aThirtyMegabyteStringInAnInventoryIsExitThree() throws Exception {
    Path inventory = dir.resolve("huge.json");
    try (BufferedWriter w = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
      w.write("[{\"id\": \"img-1\", \"name\": \"");
      char[] chunk = "a".repeat(1 << 16).toCharArray();
      for (int i = 0; i < 30 * 16; i++) {
        w.write(chunk);
      }
      w.write("\"}]");
    }
    CliRun run =
        CliRun.of(
            "lifecycle",
            "plan",
            "--policy",
            "default",
            "--inventory",
            inventory.toString(),
            "--now",
            "2030-01-01T00:00:00Z");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("huge.json", "line 1", "string");
  }

  @Test
  void aSizeThatWouldWrapIsExitThreeNamingTheFieldAndTheMaximum() throws Exception {
    CliRun run = plan("wrap.yaml", rule("{sizeAbove: 16777216TiB}"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("wrap.yaml", "line 4", "sizeAbove", "8388607TiB");
    CliRun digits = plan("digits.yaml", rule("{sizeAbove: 99999999999999999999999}"));
    assertThat(digits.exitCode()).as(digits.err()).isEqualTo(3);
    assertThat(digits.err()).contains("sizeAbove");
  }

  @Test
  void aDurationThatOverflowsIsExitThreeNamingTheFieldAndTheMaximum() throws Exception {
    CliRun run = plan("long.yaml", rule("{unusedFor: 99999999999999d}"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("long.yaml", "line 4", "unusedFor", "36500d");
    CliRun iso = plan("iso.yaml", rule("{olderThan: PT9999999999999H}"));
    assertThat(iso.exitCode()).as(iso.err()).isEqualTo(3);
    assertThat(iso.err()).contains("olderThan", "36500d");
  }

  @Test
  void zeroAndNegativeAgesAreRefused() throws Exception {
    CliRun zero = plan("zero.yaml", rule("{unusedFor: 0d}"));
    assertThat(zero.exitCode()).as(zero.err()).isEqualTo(3);
    assertThat(zero.err()).contains("unusedFor");
    CliRun negative = plan("neg.yaml", rule("{olderThan: P-3D}"));
    assertThat(negative.exitCode()).as(negative.err()).isEqualTo(3);
    assertThat(negative.err()).contains("olderThan");
  }

  @Test
  void hoursThatAreNotANumberOrNegativeAreExitThree() {
    for (String hours : new String[] {"NaN", "Infinity", "-Infinity", "-1", "1e400"}) {
      CliRun run = CliRun.of("cost", "estimate", "--hours", hours);
      assertThat(run.exitCode()).as(hours + ": " + run.err()).isEqualTo(3);
      assertThat(run.err()).as(hours).contains("--hours");
    }
  }

  @Test
  void anUnknownCurrencyIsExitThree() {
    CliRun target = CliRun.of("cost", "estimate", "--rates", "CNY:USD=0.14", "--currency", "XYZ");
    assertThat(target.exitCode()).as(target.err()).isEqualTo(3);
    assertThat(target.err()).contains("XYZ");
    CliRun rates = CliRun.of("cost", "estimate", "--rates", "ABC:USD=1", "--currency", "USD");
    assertThat(rates.exitCode()).as(rates.err()).isEqualTo(3);
    assertThat(rates.err()).contains("ABC");
    CliRun lower = CliRun.of("cost", "estimate", "--rates", "CNY:USD=0.14", "--currency", "usd");
    assertThat(lower.exitCode()).as(lower.err()).isEqualTo(3);
  }

  @Test
  void anExchangeRateOutOfAnyReasonableRangeIsExitThree() {
    for (String rate : new String[] {"1e-999999999", "1e999999999", "NaN", "0"}) {
      CliRun run = CliRun.of("cost", "estimate", "--rates", "CNY:USD=" + rate, "--currency", "USD");
      assertThat(run.exitCode()).as(rate + ": " + run.err()).isEqualTo(3);
    }
  }

  @Test
  void costEstimatePrintsMoneyInTheCurrencysMinorUnitInTextAndJson() throws Exception {
    CliRun text =
        CliRun.of(
            "cost",
            "estimate",
            "--instance",
            "m6i.large",
            "--hours",
            "123.456789",
            "--rates",
            "CNY:USD=0.1371",
            "--currency",
            "USD");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("total per month: \\[.*\\d+\\.\\d\\d (USD|CNY)");
    assertThat(text.out()).doesNotContainPattern("\\d+\\.\\d{3,} (USD|CNY)");
    assertThat(text.out()).containsPattern("total in USD: \\d+\\.\\d\\d USD");

    CliRun json =
        CliRun.of(
            "--json",
            "cost",
            "estimate",
            "--instance",
            "m6i.large",
            "--hours",
            "123.456789",
            "--rates",
            "CNY:USD=0.1371",
            "--currency",
            "USD");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode root = JSON.readTree(json.out());
    assertThat(root.get("totalConverted").asText()).matches("\\d+\\.\\d\\d USD");
    root.get("total").forEach(v -> assertThat(v.asText()).matches("\\d+\\.\\d\\d"));
    for (JsonNode image : root.get("images")) {
      assertThat(image.get("storage").asText()).matches("\\d+\\.\\d\\d (USD|CNY)");
      assertThat(image.get("compute").get("onDemand").asText()).matches("\\d+\\.\\d\\d (USD|CNY)");
    }
  }
}
