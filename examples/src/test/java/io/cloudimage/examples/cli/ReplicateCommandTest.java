package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.provider.ImportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replicate --plan}: copies, a resumed second run, and exit codes per the CLI contract. */
class ReplicateCommandTest {
  @TempDir Path dir;

  private String image() throws Exception {
    byte[] data = new byte[1 << 20];
    new SplittableRandom(3).nextBytes(data);
    Path disk = Files.write(dir.resolve("web.raw"), data);
    try (LocalProvider eu = LocalProvider.builder().home(dir.resolve("eu")).build()) {
      return eu.importImage(
              ImportRequest.of(
                      disk, "web", OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64)
                  .withFamily("web"))
          .nativeId();
    }
  }

  @Test
  void replicatesAPlanAndASecondRunMovesNothing() throws Exception {
    String id = image();
    Path plan =
        Files.writeString(
            dir.resolve("plan.yaml"),
            "source: {provider: local, home: eu}\nimages: ["
                + id
                + "]\n"
                + "destinations:\n  - home: us\n  - home: ap\n");
    String journal = dir.resolve("journal").toString();
    CliRun first =
        CliRun.of(
            "--json", "--quiet", "replicate", "--plan", plan.toString(), "--journal", journal);
    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(first.out());
    assertThat(json.get("complete").asBoolean()).isTrue();
    assertThat(json.get("results")).hasSize(2);
    assertThat(json.get("results").get(0).get("status").asText()).isEqualTo("REPLICATED");
    assertThat(json.get("bytesMoved").asLong()).isEqualTo(2L << 20);

    CliRun second =
        CliRun.of(
            "--json", "--quiet", "replicate", "--plan", plan.toString(), "--journal", journal);
    assertThat(second.exitCode()).isZero();
    JsonNode again = new ObjectMapper().readTree(second.out());
    assertThat(again.get("bytesMoved").asLong()).isZero();
    assertThat(again.get("results").get(1).get("status").asText()).isEqualTo("ALREADY_PRESENT");
  }

  @Test
  void aBadPlanExitsThreeNamingTheLine() throws Exception {
    String id = image();
    Path plan =
        Files.writeString(
            dir.resolve("plan.yaml"),
            "source: {provider: local, home: eu}\nimages: ["
                + id
                + "]\n"
                + "destinations:\n  - home: us\n  - home: eu\n");
    CliRun run = CliRun.of("--quiet", "replicate", "--plan", plan.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("line 5").contains("is the source itself");

    Path unknown =
        Files.writeString(
            dir.resolve("plan2.yaml"),
            "source: {provider: local, home: eu}\nimages:\n  - img-0000000000000000\n"
                + "destinations:\n  - home: us\n");
    CliRun missing = CliRun.of("--quiet", "replicate", "--plan", unknown.toString());
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).contains("line 3").contains("img-0000000000000000");
  }

  @Test
  void aCorruptCopyAtADestinationExitsOne() throws Exception {
    String id = image();
    Path plan =
        Files.writeString(
            dir.resolve("plan.yaml"),
            "source: {provider: local, home: eu}\nimages: ["
                + id
                + "]\ndestinations: [{home: us}]\n");
    assertThat(CliRun.of("--quiet", "replicate", "--plan", plan.toString()).exitCode()).isZero();
    try (LocalProvider us = LocalProvider.builder().home(dir.resolve("us")).build()) {
      Path disk =
          us.diskFile(
              us.images().findFirst().orElseThrow().guest().deviceBindings().get(0).snapshotId());
      byte[] bytes = Files.readAllBytes(disk);
      bytes[100] ^= 1;
      Files.write(disk, bytes);
    }
    CliRun run = CliRun.of("--quiet", "replicate", "--plan", plan.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("VERIFICATION_FAILED");
  }
}
