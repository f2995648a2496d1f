package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrashAndHomeCommandTest {
  /** Reads the command line's output strictly: a repeated key fails the test. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @TempDir Path dir;

  private String importOne(Path home, String name) throws Exception {
    Path disk = Files.write(dir.resolve(name + ".raw"), new byte[4096]);
    CliRun run =
        CliRun.of(
            "--home",
            home.toString(),
            "--json",
            "--quiet",
            "images",
            "import",
            disk.toString(),
            "--name",
            name,
            "--os",
            "debian:12",
            "--arch",
            "x86_64");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out()).path("id").asText();
  }

  @Test
  void removedImageIsListedInTheTrashAndRestored() throws Exception {
    Path home = dir.resolve("home");
    String id = importOne(home, "web");
    assertThat(CliRun.of("--home", home.toString(), "images", "rm", id).exitCode()).isZero();

    CliRun list = CliRun.of("--home", home.toString(), "--json", "trash", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    JsonNode entries = JSON.readTree(list.out());
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path("id").asText()).isEqualTo(id);
    assertThat(entries.get(0).path("name").asText()).isEqualTo("web");
    assertThat(entries.get(0).has("removed")).isTrue();
    assertThat(entries.get(0).has("expires")).isTrue();

    assertThat(CliRun.of("--home", home.toString(), "trash", "restore", id).exitCode()).isZero();
    assertThat(CliRun.of("--home", home.toString(), "images", "list").out()).contains(id);
    assertThat(CliRun.of("--home", home.toString(), "trash", "restore", id).exitCode())
        .isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void trashEmptyPurgesOldEntriesAndRefusesABadAge() throws Exception {
    Path home = dir.resolve("home");
    String id = importOne(home, "web");
    CliRun.of("--home", home.toString(), "images", "rm", id);
    CliRun empty =
        CliRun.of("--home", home.toString(), "--json", "trash", "empty", "--older-than", "0s");
    assertThat(empty.exitCode()).as(empty.err()).isZero();
    assertThat(JSON.readTree(empty.out()).path("purged").asInt()).isEqualTo(1);
    assertThat(
            CliRun.of("--home", home.toString(), "trash", "empty", "--older-than", "soon")
                .exitCode())
        .isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void homeCheckFailsOnALinkedFolderAndRepairFixesIt() throws Exception {
    Path home = dir.resolve("home");
    importOne(home, "web");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.delete(home.resolve("trash"));
    Files.createSymbolicLink(home.resolve("trash"), outside);

    assertThat(CliRun.of("--home", home.toString(), "images", "list").exitCode())
        .isEqualTo(ExitCodes.BAD_INPUT);
    CliRun check = CliRun.of("--home", home.toString(), "--json", "home", "check");
    assertThat(check.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(JSON.readTree(check.out()).get(0).path("kind").asText()).isEqualTo("UNSAFE_LINK");

    CliRun repair = CliRun.of("--home", home.toString(), "home", "repair");
    assertThat(repair.out()).contains("QUARANTINED");
    assertThat(CliRun.of("--home", home.toString(), "images", "list").exitCode()).isZero();
  }

  @Test
  void aNameWithANewlineOrAnEscapeCannotForgeListingLines() throws Exception {
    Path home = dir.resolve("home");
    importOne(home, "web\nimg-ffffffffffffffff forged\u001b[2J");
    CliRun list = CliRun.of("--home", home.toString(), "images", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out().lines()).hasSize(2); // the header and one image
    assertThat(list.out()).doesNotContain("\u001b").contains("\\u000a").contains("\\u001b");
  }

  @Test
  void anEmptyDiskIsBadInput() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.raw"));
    CliRun run =
        CliRun.of(
            "--home",
            dir.resolve("home").toString(),
            "images",
            "import",
            empty.toString(),
            "--name",
            "x",
            "--os",
            "debian:12",
            "--arch",
            "x86_64");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("empty.raw").contains("empty");
  }
}
