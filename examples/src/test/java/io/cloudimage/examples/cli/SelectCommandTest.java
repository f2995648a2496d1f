package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectCommandTest {
  /** Reads the command line's output strictly: a repeated key fails the test. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @TempDir Path dir;

  @Test
  void recommendsTheSeedAnswerWithTheContractShape() throws Exception {
    CliRun run = CliRun.of("select", "--scenario", "database", "--top", "3", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.at("/recommendation/instanceType").asText()).isEqualTo("m6i.large");
    assertThat(json.at("/recommendation/storage/tier").asText()).isEqualTo("WARM");
    assertThat(json.at("/recommendation/storage/strategy").asText()).isEqualTo("snapshots");
    assertThat(json.get("ranked")).hasSize(3);
    JsonNode first = json.get("ranked").get(0);
    assertThat(first.get("image").asText()).isEqualTo(json.at("/recommendation/image").asText());
    assertThat(first.get("dimensions").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("os", "hardware", "performance", "security", "cost");
    assertThat(first.get("reasons")).isNotEmpty();
    assertThat(json.get("excluded").get(0).fieldNames()).toIterable().contains("image", "reason");
  }

  @Test
  void hugeTopListsEveryRankedCandidateWithoutAnInternalError() throws Exception {
    CliRun run = CliRun.of("select", "--scenario", "microservice", "--top", "2147483647", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("ranked").size())
        .isEqualTo(json.get("candidates").asInt() - json.get("excludedCount").asInt());
  }

  @Test
  void topBelowOneIsBadInput() {
    CliRun run = CliRun.of("select", "--scenario", "microservice", "--top", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--top");
  }

  @Test
  void scenarioFileSelectsForTheSampleWebShop() throws Exception {
    Path webShop = Path.of("scenarios/web-shop.yaml");
    assertThat(webShop).exists();
    CliRun run = CliRun.of("select", "--scenario-file", webShop.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("scenario").asText()).isEqualTo("web-shop");
    assertThat(json.at("/recommendation/instanceType").asText()).isEqualTo("t4g.micro");
    assertThat(json.at("/recommendation/storage/tier").asText()).isEqualTo("HOT");
    assertThat(json.get("excluded"))
        .anySatisfy(e -> assertThat(e.get("reason").asText()).contains("web-shop takes"));
  }

  @Test
  void scenarioFileWithARepeatedKeyIsBadInputNamingFileLineAndField() throws Exception {
    Path file = dir.resolve("shop.yaml");
    Files.writeString(
        file, "name: shop\nbudget: 25 USD\ninstanceTypes: [t4g.micro]\nbudget: 2500 USD\n");
    CliRun run = CliRun.of("select", "--scenario-file", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("shop.yaml line 4").contains("budget");
  }

  @Test
  void scenarioFileWithAnUnknownInstanceTypeIsBadInput() throws Exception {
    Path file = dir.resolve("shop.json");
    Files.writeString(
        file, "{\"name\": \"shop\", \"budget\": \"25 USD\",\n \"instanceTypes\": [\"t4g.mikro\"]}");
    CliRun run = CliRun.of("select", "--scenario-file", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("shop.json line 2: instanceTypes[0]").contains("t4g.mikro");
  }

  @Test
  void scenarioAndScenarioFileTogetherIsAUsageError() {
    CliRun run =
        CliRun.of("select", "--scenario", "batch", "--scenario-file", "scenarios/web-shop.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--scenario-file");
  }

  @Test
  void unknownScenarioIsAUsageErrorListingTheScenarios() {
    CliRun run = CliRun.of("select", "--scenario", "mainframe");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("microservice", "database", "ai-training");
    assertThat(CliRun.of("select").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void requirementsNothingMeetsExitOneWithEveryCandidateExcluded() throws Exception {
    CliRun run = CliRun.of("select", "--scenario", "ai-training", "--arch", "arm64", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("recommendation").isNull()).isTrue();
    assertThat(json.get("excluded").size()).isEqualTo(json.get("candidates").asInt());
    assertThat(json.get("excluded"))
        .allSatisfy(e -> assertThat(e.get("reason").asText()).isNotBlank());
  }

  @Test
  void catalogEntryMissingAFieldIsBadInputNamingEntryAndField() throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        "{\"images\": [{\"id\": \"ami-1\", \"name\": \"x\", \"provider\": \"aws\", \"region\": \"us-east-1\", \"os\": {\"family\": \"ubuntu\", \"version\": \"24.04\"}, \"created\": \"2026-01-01T00:00:00Z\", \"sizeBytes\": 1}]}");
    CliRun run = CliRun.of("select", "--scenario", "microservice", "--catalog", catalog.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("catalog.json").contains("architecture");
  }

  @Test
  void explainSaysWhyOneImageRanksAboveAnother() throws Exception {
    JsonNode ranked =
        JSON.readTree(
                CliRun.of("select", "--scenario", "microservice", "--top", "2", "--json").out())
            .get("ranked");
    String a = ranked.get(0).get("image").asText();
    String b = ranked.get(1).get("image").asText();
    CliRun run = CliRun.of("select", "explain", a, b);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("os", "cost");
  }

  @Test
  void costEstimateKeepsCurrenciesApartUnlessGivenARate() throws Exception {
    CliRun run = CliRun.of("cost", "estimate", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    CliRun converted = CliRun.of("cost", "estimate", "--currency", "USD");
    assertThat(converted.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(converted.err()).contains("--rates");
  }

  @Test
  void costEstimateJsonCarriesTheReportAndTheConvertedTotal() throws Exception {
    CliRun run =
        CliRun.of("cost", "estimate", "--rates", "CNY:USD=0.14", "--currency", "USD", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("images", "byFamily", "total", "totalConverted");
    assertThat(json.get("images").size()).isPositive();
    assertThat(json.get("totalConverted").asText()).endsWith("USD");
  }
}
