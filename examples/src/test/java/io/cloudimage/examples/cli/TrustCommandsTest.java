package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust commands against signatures made by the real gpg. */
class TrustCommandsTest {
  @TempDir static Path dir;
  static Path gnupgHome;
  static Path keyring;
  static Path data;
  static Path signature;

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
  static void makeKeyAndSignature() throws Exception {
    gnupgHome = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(
        gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    gpg("--quick-gen-key", "Release Signer <release@example.org>", "ed25519", "sign", "1y");
    keyring = dir.resolve("keyring.gpg");
    gpg("--output", keyring.toString(), "--export");
    data = TourCommand.sampleDisk(dir, "image.raw", 2, 3);
    signature = dir.resolve("image.raw.sig");
    gpg("--output", signature.toString(), "--detach-sign", data.toString());
  }

  @Test
  void goodDetachedSignatureVerifiesWithTheContractShape() throws Exception {
    CliRun run =
        CliRun.of(
            "verify",
            data.toString(),
            "--signature",
            signature.toString(),
            "--keyring",
            keyring.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode json = ImageJson.MAPPER.readTree(run.out());
    assertThat(json.get("valid").asBoolean()).isTrue();
    JsonNode sig = json.get("signatures").get(0);
    assertThat(sig.get("keyFingerprint").asText()).matches("[0-9A-F]{40}");
    assertThat(sig.get("valid").asBoolean()).isTrue();
    assertThat(sig.get("hashAlgorithm").asText()).isNotBlank();
    assertThat(sig.has("created")).isTrue();
  }

  @Test
  void alteredDataFailsTheCheckWithExitOne() throws Exception {
    Path altered = Files.copy(data, dir.resolve("altered.raw"));
    try (var ch =
        java.nio.channels.FileChannel.open(altered, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 4096);
    }
    CliRun run =
        CliRun.of(
            "verify",
            altered.toString(),
            "--signature",
            signature.toString(),
            "--keyring",
            keyring.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("INVALID");
  }

  @Test
  void signatureByAPinnedOtherKeyDoesNotCount() {
    CliRun run =
        CliRun.of(
            "verify",
            data.toString(),
            "--signature",
            signature.toString(),
            "--keyring",
            keyring.toString(),
            "--require-fingerprint",
            "0123456789ABCDEF0123456789ABCDEF01234567");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
  }

  @Test
  void truncatedArmoredSignatureIsBadInput() throws Exception {
    Path armored = dir.resolve("image.raw.asc");
    gpg("--output", armored.toString(), "--armor", "--detach-sign", data.toString());
    String text = Files.readString(armored);
    Path truncated =
        Files.writeString(dir.resolve("truncated.asc"), text.substring(0, text.length() / 2));
    CliRun run =
        CliRun.of(
            "verify",
            data.toString(),
            "--signature",
            truncated.toString(),
            "--keyring",
            keyring.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("truncated.asc");
  }

  @Test
  void checksumsFlagAMismatchWithExitOne() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("downloads"));
    Path a = Files.copy(data, folder.resolve("a.raw"));
    JsonNode digest = ImageJson.MAPPER.readTree(CliRun.of("digest", a.toString(), "--json").out());
    assertThat(digest.get("size").asLong()).isEqualTo(Files.size(a));
    String sha = digest.get("digests").get("sha256").asText();
    Path sums =
        Files.writeString(folder.resolve("SHA256SUMS"), sha + "  a.raw\n" + sha + " *b.raw\n");
    Files.copy(data, folder.resolve("b.raw"));
    assertThat(CliRun.of("checksums", "verify", sums.toString()).exitCode()).isZero();
    try (var ch =
        java.nio.channels.FileChannel.open(
            folder.resolve("b.raw"), java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 0);
    }
    CliRun run = CliRun.of("checksums", "verify", sums.toString(), "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("MISMATCH");
  }
}
