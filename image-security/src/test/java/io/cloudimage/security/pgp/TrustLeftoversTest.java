package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signer refuses keys no verifier would accept; the decryptor checks inner signatures. */
class TrustLeftoversTest {
  @TempDir Path dir;

  private static List<String> fingerprints(Gpg gpg, String uid) {
    return gpg.tryRun("--with-colons", "--list-keys", uid)
        .stdout()
        .lines()
        .filter(l -> l.startsWith("fpr:"))
        .map(l -> l.split(":")[9])
        .toList();
  }

  @Test
  void signerRefusesARevokedKeyNamingItsFingerprintAndTheRevocationTime() throws Exception {
    Gpg own = Gpg.shared("revoked-signer");
    String fpr = own.key("Revoked Signer <revoked-signer@example.org>", "ed25519");
    Path rev = own.home.resolve("openpgp-revocs.d").resolve(fpr + ".rev");
    Path cert = dir.resolve("cert.rev");
    Files.writeString(cert, Files.readString(rev).replace(":-----BEGIN", "-----BEGIN"));
    own.run("--import", cert.toString());
    Path secret = own.exportSecret(fpr, dir.resolve("revoked-secret.gpg"), false);

    assertThatThrownBy(
            () ->
                Signer.builder()
                    .secretKeyRing(secret)
                    .passphrase(Gpg.PASSPHRASE.toCharArray())
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(fpr)
        .hasMessageContaining("revoked")
        .hasMessageMatching("(?s).*revoked since \\d{4}-\\d\\d-\\d\\dT.*");
  }

  @Test
  void signerRefusesAnExpiredSigningSubkeyNamingItAndTheExpiry() {
    Gpg own = Gpg.shared("expiring-subkey");
    String uid = "Expiring Subkey <expiring-subkey@example.org>";
    String primary = own.key(uid, "ed25519");
    if (fingerprints(own, uid).size() < 2) {
      own.run("--quick-add-key", primary, "ed25519", "sign", "1d");
    }
    String subkey = fingerprints(own, uid).get(1);
    Path secret = own.exportSecret(primary, dir.resolve("sub-secret.gpg"), false);
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);

    assertThatThrownBy(
            () ->
                Signer.builder()
                    .secretKeyRing(secret)
                    .fingerprint(subkey)
                    .passphrase(Gpg.PASSPHRASE.toCharArray())
                    .clock(later)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(subkey)
        .hasMessageContaining("expired on");
    // The same subkey signs while it is valid.
    assertThat(
            Signer.builder()
                .secretKeyRing(secret)
                .fingerprint(subkey)
                .passphrase(Gpg.PASSPHRASE.toCharArray())
                .build()
                .keyFingerprint())
        .isEqualTo(subkey);
  }

  private record SignedMessage(Gpg gpg, Path publicRing, Path secretRing, Path message) {}

  private SignedMessage signedAndEncrypted(String compression) throws Exception {
    Gpg own = Gpg.shared("sign-encrypt");
    String fpr = own.keyWithEncryption("Sender <sender@example.org>", "ed25519", "cv25519");
    Path publicRing = own.export(fpr, dir.resolve("sender.gpg"), false);
    Path secretRing = own.exportSecret(fpr, dir.resolve("sender-secret.gpg"), false);
    Path plain = Files.writeString(dir.resolve("plain.txt"), "signed inside\n");
    Path message = dir.resolve("plain.txt.gpg");
    own.run(
        "--trust-model",
        "always",
        "--compress-algo",
        compression,
        "-u",
        fpr,
        "--recipient",
        fpr,
        "--output",
        message.toString(),
        "--sign",
        "--encrypt",
        plain.toString());
    return new SignedMessage(own, publicRing, secretRing, message);
  }

  private static Decryptor.Builder decryptor(SignedMessage m) {
    return Decryptor.builder()
        .secretKeyRing(m.secretRing())
        .passphrase(Gpg.PASSPHRASE.toCharArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zip", "none"})
  void signatureInsideAnEncryptedMessageIsVerifiedWhenKeysAreGiven(String compression)
      throws Exception {
    SignedMessage m = signedAndEncrypted(compression);
    Path out = dir.resolve("out.txt");

    Decryptor.Decrypted d =
        decryptor(m)
            .verifySignatures(Verifier.builder().keyRing(m.publicRing()).build())
            .build()
            .decrypt(m.message(), out, ProgressListener.NONE, Cancellation.never());

    assertThat(Files.readString(out)).isEqualTo("signed inside\n");
    assertThat(d.signed()).isTrue();
    assertThat(d.signatureVerified()).isTrue();
    assertThat(d.signatureStatus()).startsWith("signature verified: good signature from");
  }

  @Test
  void signedMessageDecryptedWithoutKeysSaysPlainlyItIsUnverified() throws Exception {
    SignedMessage m = signedAndEncrypted("zip");
    Path out = dir.resolve("out.txt");

    Decryptor.Decrypted d =
        decryptor(m).build().decrypt(m.message(), out, ProgressListener.NONE, Cancellation.never());

    assertThat(Files.readString(out)).isEqualTo("signed inside\n");
    assertThat(d.signed()).isTrue();
    assertThat(d.signatureVerified()).isFalse();
    assertThat(d.signature()).isNull();
    assertThat(d.signatureStatus()).contains("signed").contains("NOT verified");
  }

  @Test
  void signatureByAnotherKeyFailsTheCheckAndLeavesNoOutput() throws Exception {
    SignedMessage m = signedAndEncrypted("zip");
    Gpg stranger = Gpg.shared("stranger");
    String other = stranger.key("Stranger <stranger@example.org>", "ed25519");
    Path strangerRing = stranger.export(other, dir.resolve("stranger.gpg"), false);
    Path out = dir.resolve("out.txt");

    assertThatThrownBy(
            () ->
                decryptor(m)
                    .verifySignatures(Verifier.builder().keyRing(strangerRing).build())
                    .build()
                    .decrypt(m.message(), out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("does NOT hold")
        .hasMessageContaining("not in the given keyrings");
    assertThat(out).doesNotExist();
  }

  @Test
  void unsignedMessageFailsTheCheckWhenASignatureIsRequired() throws Exception {
    SignedMessage m = signedAndEncrypted("zip");
    Path plain = Files.writeString(dir.resolve("unsigned.txt"), "no signature\n");
    Path message = dir.resolve("unsigned.gpg");
    Encryptor.builder()
        .recipient(m.publicRing())
        .build()
        .encrypt(plain, message, ProgressListener.NONE, Cancellation.never());
    Path out = dir.resolve("out.txt");

    assertThatThrownBy(
            () ->
                decryptor(m)
                    .verifySignatures(Verifier.builder().keyRing(m.publicRing()).build())
                    .build()
                    .decrypt(message, out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("not signed");
    assertThat(out).doesNotExist();
  }
}
