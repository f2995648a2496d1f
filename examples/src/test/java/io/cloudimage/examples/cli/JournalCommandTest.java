package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifecycle journal seal} and {@code verify --keyring} with a key made by the real gpg. */
class JournalCommandTest {
  private static final com.fasterxml.jackson.databind.json.JsonMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  @TempDir static Path keys;
  static Path gnupgHome;
  static Path publicRing;
  static Path secretRing;

  @TempDir Path dir;

  static String gpg(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                RequiredTools.command("gpg").toString(),
                "--homedir",
                gnupgHome.toString(),
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                ""));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @BeforeAll
  static void makeKey() throws Exception {
    gnupgHome = Files.createDirectories(keys.resolve("gnupg"));
    Files.setPosixFilePermissions(
        gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    gpg("--quick-gen-key", "Journal Sealer <audit@example.org>", "ed25519", "sign", "1y");
    publicRing = keys.resolve("public.gpg");
    secretRing = keys.resolve("secret.gpg");
    gpg("--output", publicRing.toString(), "--export");
    gpg("--output", secretRing.toString(), "--export-secret-keys");
  }

  private Path journal(int records) {
    Path j = dir.resolve("journal");
    try (Journal journal = Journal.open(j, Clock.systemUTC())) {
      for (int i = 0; i < records; i++) {
        int k = i;
        journal.append("NOTE", r -> r.put("n", k));
      }
    }
    return j;
  }

  /** Rewrites every record with a freshly computed chain and head, as a forger would. */
  private static void forge(Path journal) throws Exception {
    Path file = journal.resolve(Journal.FILE_NAME);
    List<String> out = new ArrayList<>();
    String prev = Journal.GENESIS;
    for (String line : Files.readAllLines(file)) {
      String body = line.substring(0, line.lastIndexOf(",\"hash\":\"")) + "}";
      body = body.replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"");
      body = body.replace("\"n\":0", "\"n\":99");
      String hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(body.getBytes(StandardCharsets.UTF_8)));
      out.add(body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}");
      prev = hash;
    }
    Files.write(file, out);
    Files.writeString(
        journal.resolve(Journal.HEAD_FILE),
        "{\"records\":" + out.size() + ",\"lastHash\":\"" + prev + "\"}");
  }

  @Test
  void sealedJournalVerifiesAndARecomputedChainDoesNot() throws Exception {
    Path journal = journal(3);
    CliRun seal =
        CliRun.of(
            "lifecycle",
            "journal",
            "seal",
            journal.toString(),
            "--secret-keyring",
            secretRing.toString(),
            "--json");
    assertThat(seal.exitCode()).as(seal.err()).isZero();
    assertThat(JSON.readTree(seal.out()).get("records").asInt()).isEqualTo(3);

    CliRun good =
        CliRun.of(
            "lifecycle",
            "journal",
            "verify",
            journal.toString(),
            "--keyring",
            publicRing.toString());
    assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
    assertThat(good.out()).contains("1 seal(s) signed and matching");

    forge(journal);
    assertThat(CliRun.of("lifecycle", "journal", "verify", journal.toString()).exitCode())
        .as("a recomputed chain passes the chain check alone")
        .isZero();
    CliRun forged =
        CliRun.of(
            "lifecycle",
            "journal",
            "verify",
            journal.toString(),
            "--keyring",
            publicRing.toString(),
            "--json");
    assertThat(forged.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode v = JSON.readTree(forged.out());
    assertThat(v.get("valid").asBoolean()).isFalse();
    assertThat(v.get("sealProblems").get(0).asText()).contains("the chain was rewritten");
  }

  @Test
  void verifyWithAKeyringButNoSealFails() throws Exception {
    Path journal = journal(2);
    CliRun run =
        CliRun.of(
            "lifecycle",
            "journal",
            "verify",
            journal.toString(),
            "--keyring",
            publicRing.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("no seal");
  }
}
