package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.model.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudImageCliTest {
  /** Reads the command line's output strictly: a repeated key fails the test. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @TempDir Path dir;

  private Path disk() throws Exception {
    return TourCommand.sampleDisk(dir, "disk.raw", 1, 7);
  }

  @Test
  void tourRunsToTheEndOnAFreshHome() {
    CliRun run = CliRun.of("tour", "--quiet", "--workdir", dir.resolve("tour").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Step 1", "imported web-ubuntu-24.04", "refused as expected", "Tour finished.");
  }

  @Test
  void importedImageListsAsJsonWithTheContractShape() throws Exception {
    String home = dir.resolve("home").toString();
    CliRun imported =
        CliRun.of(
            "images",
            "import",
            disk().toString(),
            "--name",
            "web",
            "--os",
            "ubuntu:24.04",
            "--arch",
            "arm64",
            "--tier",
            "warm",
            "--tag",
            "team=platform",
            "--home",
            home,
            "--json",
            "--quiet");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    String id = JSON.readTree(imported.out()).get("id").asText();

    CliRun listed = CliRun.of("images", "list", "--json", "--home", home);
    assertThat(listed.exitCode()).isZero();
    JsonNode array = JSON.readTree(listed.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(1);
    JsonNode image = array.get(0);
    assertThat(image.fieldNames())
        .toIterable()
        .contains(
            "id",
            "name",
            "provider",
            "region",
            "state",
            "architecture",
            "os",
            "created",
            "lastLaunched",
            "deprecation",
            "sizeBytes",
            "tier",
            "tags",
            "inUse");
    assertThat(image.get("id").asText()).isEqualTo(id).startsWith("img-");
    assertThat(image.get("architecture").asText()).isEqualTo("arm64");
    assertThat(image.get("os").get("family").asText()).isEqualTo("ubuntu");
    assertThat(image.get("os").get("version").asText()).isEqualTo("24.04");
    assertThat(image.get("tier").asText()).isEqualTo("WARM");
    assertThat(image.get("tags").get("team").asText()).isEqualTo("platform");
    assertThat(image.get("lastLaunched").isNull()).isTrue();
    assertThat(image.get("inUse").asBoolean()).isFalse();
    assertThat(image.get("sizeBytes").asLong()).isEqualTo(Files.size(disk()));
    // What list --json writes reads back as the same image.
    assertThat(ImageJson.parse(image.toString()).nativeId()).isEqualTo(id);

    CliRun launched = CliRun.of("images", "launch", id, "--home", home, "--json");
    assertThat(JSON.readTree(launched.out()).get("inUse").asBoolean()).isTrue();
    assertThat(CliRun.of("images", "rm", id, "--home", home).exitCode())
        .isEqualTo(ExitCodes.PROVIDER);
    assertThat(CliRun.of("images", "stop", id, "--home", home).exitCode()).isZero();
    assertThat(CliRun.of("images", "rm", id, "--home", home).exitCode()).isZero();
    CliRun gone = CliRun.of("images", "show", id, "--home", home);
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(gone.err()).contains("no image " + id).contains("`images list`");
  }

  @Test
  void listPrintsOneCompactArrayLineAndShowThePrettyImage() throws Exception {
    String home = dir.resolve("home").toString();
    CliRun imported =
        CliRun.of(
            "images",
            "import",
            disk().toString(),
            "--name",
            "web",
            "--os",
            "ubuntu:24.04",
            "--arch",
            "arm64",
            "--home",
            home,
            "--json",
            "--quiet");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    Image image = ImageJson.parse(imported.out());

    CliRun listed = CliRun.of("images", "list", "--json", "--home", home);
    assertThat(listed.out()).startsWith("[{").endsWith("}]\n").containsOnlyOnce("\n");
    assertThat(ImageJson.parse(JSON.readTree(listed.out()).get(0).toString())).isEqualTo(image);

    CliRun shown = CliRun.of("images", "show", image.nativeId(), "--home", home, "--json");
    assertThat(shown.out()).isEqualTo(ImageJson.toJson(image) + System.lineSeparator());
  }

  @Test
  void missingFileIsBadInputNamingThePathAndWritesNothing() {
    Path home = dir.resolve("home");
    CliRun run =
        CliRun.of(
            "images",
            "import",
            dir.resolve("missing.raw").toString(),
            "--name",
            "x",
            "--os",
            "debian:12",
            "--arch",
            "x86_64",
            "--home",
            home.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("missing.raw");
    assertThat(home).doesNotExist();
  }

  @Test
  void badArchitectureIsAUsageErrorListingTheAcceptedValues() throws Exception {
    CliRun run =
        CliRun.of(
            "images",
            "import",
            disk().toString(),
            "--name",
            "x",
            "--os",
            "debian:12",
            "--arch",
            "sparc",
            "--home",
            dir.resolve("home").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("x86_64", "arm64");
  }

  @Test
  void badOsIsAUsageErrorListingTheFamilies() throws Exception {
    CliRun run =
        CliRun.of(
            "images",
            "import",
            disk().toString(),
            "--name",
            "x",
            "--os",
            "plan9:4",
            "--arch",
            "x86_64",
            "--home",
            dir.resolve("home").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("ubuntu", "debian", "rhel");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(CliRun.of("images", "list", "--frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void folderThatIsNotAHomeIsBadInputBeforeAnythingIsWritten() throws Exception {
    Path notHome = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(notHome.resolve("keep.txt"), "data");
    CliRun run = CliRun.of("images", "list", "--home", notHome.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("is not a cloudimage home");
    try (var files = Files.list(notHome)) {
      assertThat(files).containsExactly(notHome.resolve("keep.txt"));
    }
  }

  @Test
  void versionNamesTheProgram() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("cloudimage ");
  }
}
