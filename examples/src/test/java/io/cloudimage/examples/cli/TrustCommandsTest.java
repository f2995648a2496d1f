package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust commands against signatures made by the real gpg. */
class TrustCommandsTest {
  private static final com.fasterxml.jackson.databind.json.JsonMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

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
    String fingerprint =
        gpg("--with-colons", "--list-keys")
            .lines()
            .filter(l -> l.startsWith("fpr:"))
            .findFirst()
            .orElseThrow()
            .split(":")[9];
    gpg("--quick-add-key", fingerprint, "cv25519", "encr", "1y");
    keyring = dir.resolve("keyring.gpg");
    gpg("--output", keyring.toString(), "--export");
    data = TourCommand.sampleDisk(dir, "image.raw", 2, 3);
    signature = dir.resolve("image.raw.sig");
    gpg("--output", signature.toString(), "--detach-sign", data.toString());
  }

  /** Stops the gpg-agent that gpg started for this throwaway home. */
  @AfterAll
  static void stopAgent() throws Exception {
    if (gnupgHome == null) {
      return;
    }
    Process p =
        new ProcessBuilder(
                RequiredTools.command("gpgconf").toString(),
                "--homedir",
                gnupgHome.toString(),
                "--kill",
                "all")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    p.waitFor(30, TimeUnit.SECONDS);
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
    JsonNode json = JSON.readTree(run.out());
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
    JsonNode digest = JSON.readTree(CliRun.of("digest", a.toString(), "--json").out());
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

  @Test
  void signedFileVerifiesWithGpgvAndEncryptedFileDecryptsWithGpg() throws Exception {
    Path secret = dir.resolve("secret.gpg");
    gpg("--output", secret.toString(), "--export-secret-keys");
    Path sig = dir.resolve("ours.asc");
    CliRun signed =
        CliRun.of(
            "sign",
            data.toString(),
            "-o",
            sig.toString(),
            "--secret-keyring",
            secret.toString(),
            "--armor");
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    Process gpgv =
        new ProcessBuilder(
                RequiredTools.command("gpgv").toString(),
                "--keyring",
                keyring.toString(),
                sig.toString(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(gpgv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gpgv.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(gpgv.exitValue()).as(said).isZero();

    Path encrypted = dir.resolve("image.raw.gpg");
    CliRun enc =
        CliRun.of(
            "encrypt",
            data.toString(),
            "-o",
            encrypted.toString(),
            "--recipient",
            keyring.toString());
    assertThat(enc.exitCode()).as(enc.err()).isZero();
    Path clear = dir.resolve("back.raw");
    gpg("--output", clear.toString(), "--decrypt", encrypted.toString());
    assertThat(Files.mismatch(clear, data)).isEqualTo(-1L);

    Path ours = dir.resolve("ours.raw");
    CliRun dec =
        CliRun.of(
            "decrypt",
            encrypted.toString(),
            "-o",
            ours.toString(),
            "--secret-keyring",
            secret.toString());
    assertThat(dec.exitCode()).as(dec.err()).isZero();
    assertThat(Files.mismatch(ours, data)).isEqualTo(-1L);
    assertThat(dec.out()).contains("not signed");

    Path signedMessage = dir.resolve("signed.raw.gpg");
    gpg(
        "--trust-model",
        "always",
        "--recipient",
        "release@example.org",
        "--output",
        signedMessage.toString(),
        "--sign",
        "--encrypt",
        data.toString());
    Path unverified = dir.resolve("unverified.raw");
    CliRun plain =
        CliRun.of(
            "decrypt",
            signedMessage.toString(),
            "-o",
            unverified.toString(),
            "--secret-keyring",
            secret.toString());
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.out()).contains("signed").contains("NOT verified");
    Path verified = dir.resolve("verified.raw");
    CliRun checked =
        CliRun.of(
            "decrypt",
            signedMessage.toString(),
            "-o",
            verified.toString(),
            "--secret-keyring",
            secret.toString(),
            "--keyring",
            keyring.toString(),
            "--json");
    assertThat(checked.exitCode()).as(checked.err()).isZero();
    JsonNode json = JSON.readTree(checked.out());
    assertThat(json.get("signatureVerified").asBoolean()).isTrue();
    assertThat(Files.mismatch(verified, data)).isEqualTo(-1L);
  }

  @Test
  void wrongPassphraseIsBadInputAndLeavesNoOutput() throws Exception {
    Path pass = Files.writeString(dir.resolve("pass.txt"), "right horse battery\n");
    Path wrong = Files.writeString(dir.resolve("wrong.txt"), "wrong\n");
    Path encrypted = dir.resolve("sym.gpg");
    assertThat(
            CliRun.of(
                    "encrypt",
                    data.toString(),
                    "-o",
                    encrypted.toString(),
                    "--passphrase-file",
                    pass.toString())
                .exitCode())
        .isZero();
    Path out = dir.resolve("sym.raw");
    CliRun run =
        CliRun.of(
            "decrypt",
            encrypted.toString(),
            "-o",
            out.toString(),
            "--passphrase-file",
            wrong.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out).doesNotExist();
    assertThat(
            CliRun.of(
                    "decrypt",
                    encrypted.toString(),
                    "-o",
                    out.toString(),
                    "--passphrase-file",
                    pass.toString())
                .exitCode())
        .isZero();
    assertThat(Files.mismatch(out, data)).isEqualTo(-1L);
  }

  private static Path secretKeyring() throws Exception {
    Path secret = dir.resolve("secret-for-outputs.gpg");
    if (!Files.exists(secret)) {
      gpg("--output", secret.toString(), "--export-secret-keys");
    }
    return secret;
  }

  @Test
  void signOverItsOwnInputIsBadInputNamingBothPathsAndKeepsTheInput() throws Exception {
    Path d = Files.copy(data, dir.resolve("d.bin"));
    CliRun run =
        CliRun.of(
            "sign",
            d.toString(),
            "-o",
            d.toString(),
            "--secret-keyring",
            secretKeyring().toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("output " + d).contains("input " + d);
    assertThat(Files.mismatch(d, data)).isEqualTo(-1L);

    Path link = Files.createSymbolicLink(dir.resolve("d-link.sig"), d);
    CliRun viaLink =
        CliRun.of(
            "sign",
            d.toString(),
            "-o",
            link.toString(),
            "--clear-sign",
            "--secret-keyring",
            secretKeyring().toString());
    assertThat(viaLink.exitCode()).as(viaLink.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(Files.mismatch(d, data)).isEqualTo(-1L);
  }

  @Test
  void encryptAndDecryptOverTheirInputAreBadInput() throws Exception {
    Path p = Files.copy(data, dir.resolve("p.raw"));
    CliRun enc =
        CliRun.of("encrypt", p.toString(), "-o", p.toString(), "--recipient", keyring.toString());
    assertThat(enc.exitCode()).as(enc.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(enc.err()).contains("output " + p).contains("input " + p);
    assertThat(Files.mismatch(p, data)).isEqualTo(-1L);

    Path m = dir.resolve("p.raw.gpg");
    assertThat(
            CliRun.of(
                    "encrypt", p.toString(), "-o", m.toString(), "--recipient", keyring.toString())
                .exitCode())
        .isZero();
    byte[] message = Files.readAllBytes(m);
    CliRun dec =
        CliRun.of(
            "decrypt",
            m.toString(),
            "-o",
            m.toString(),
            "--secret-keyring",
            secretKeyring().toString());
    assertThat(dec.exitCode()).as(dec.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(Files.readAllBytes(m)).isEqualTo(message);
  }

  @Test
  void verifyOutputOverTheSignedFileIsBadInput() throws Exception {
    Path text = Files.writeString(dir.resolve("m.txt"), "message\n");
    Path signed = dir.resolve("m.asc");
    gpg("--output", signed.toString(), "--clearsign", text.toString());
    byte[] before = Files.readAllBytes(signed);
    CliRun run =
        CliRun.of(
            "verify",
            signed.toString(),
            "--keyring",
            keyring.toString(),
            "--output",
            signed.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("m.asc");
    assertThat(Files.readAllBytes(signed)).isEqualTo(before);
  }

  @Test
  void signatureByAnUnknownKeyNamesTheKeyNotNull() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other-keyring-home"));
    Path empty = dir.resolve("unrelated.gpg");
    Files.setPosixFilePermissions(
        other, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Path saved = gnupgHome;
    try {
      gnupgHome = other;
      gpg("--quick-gen-key", "Unrelated <unrelated@example.org>", "ed25519", "sign", "1y");
      gpg("--output", empty.toString(), "--export");
    } finally {
      stopAgent();
      gnupgHome = saved;
    }
    CliRun run =
        CliRun.of(
            "verify",
            data.toString(),
            "--signature",
            signature.toString(),
            "--keyring",
            empty.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).doesNotContain("null").contains("unknown key ");
    CliRun json =
        CliRun.of(
            "verify",
            data.toString(),
            "--signature",
            signature.toString(),
            "--keyring",
            empty.toString(),
            "--json");
    JsonNode verdict = JSON.readTree(json.out()).get("signatures").get(0);
    assertThat(verdict.get("signer").asText()).startsWith("unknown key ");
    assertThat(JSON.readTree(json.out()).get("reason").asText())
        .doesNotContain("null")
        .contains("unknown key ");
  }

  @Test
  void checksumsReportADirectoryAsSuchAndShowEscapedNames() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("sums-dir"));
    Files.createDirectories(folder.resolve("a.img"));
    Path odd = Files.writeString(folder.resolve("odd\nname.img"), "odd");
    String sha =
        JSON.readTree(CliRun.of("digest", odd.toString(), "--json").out())
            .get("digests")
            .get("sha256")
            .asText();
    Path sums =
        Files.writeString(
            folder.resolve("SHA256SUMS"),
            "0".repeat(64) + "  a.img\n\\" + sha + "  odd\\nname.img\n");
    CliRun run = CliRun.of("checksums", "verify", sums.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("a.img: UNREADABLE").contains("is a directory");
    assertThat(run.out()).contains("\\odd\\nname.img: OK");
    assertThat(run.out().lines()).noneMatch(l -> l.equals("name.img: OK"));
  }
}
