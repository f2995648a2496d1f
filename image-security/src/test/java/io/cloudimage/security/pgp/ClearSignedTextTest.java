package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Clear-signed text whose line ends or layout are unusual, checked against the real gpg/gpgv. */
class ClearSignedTextTest {
  static Gpg gpg;
  static String fpr;
  static Path publicRing;
  static Path secretRing;

  @TempDir static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void makeKey() {
    gpg = Gpg.shared("clear-text");
    fpr = gpg.key("Clear Text <clear@example.org>", "ed25519");
    publicRing = gpg.export(fpr, keys.resolve("public.gpg"), false);
    secretRing = gpg.exportSecret(fpr, keys.resolve("secret.gpg"), false);
  }

  private static Signer signer() {
    return Signer.builder()
        .secretKeyRing(secretRing)
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .build();
  }

  private static Verifier verifier() {
    return Verifier.builder().keyRing(publicRing).build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\rb\nc \r\nd\r\n\re\r\r\nlast\r",
        "old mac\rline ends\r",
        "x\r \n- dash\r\t\r\n",
        "\r\n\r\r\n"
      })
  void textWithBareCarriageReturnsSignsSoThatGpgvAndVerifierAccept(String text) throws Exception {
    Path file = Files.write(dir.resolve("Release"), text.getBytes(StandardCharsets.ISO_8859_1));
    Path signed = dir.resolve("InRelease");

    signer().signClearText(file, signed, ProgressListener.NONE, Cancellation.never());

    Gpg.Result gpgv = Gpg.gpgv(publicRing, signed);
    assertThat(gpgv.code()).as(gpgv.stderr()).isZero();
    VerificationResult ours = verifier().verify(signed);
    assertThat(ours.valid()).as(ours.reason()).isTrue();
  }

  @Test
  void gpgClearSignedTextWithBareCarriageReturnsVerifies() throws Exception {
    Path file =
        Files.write(
            dir.resolve("Release"),
            "a\rb\nc \r\n\re\r\r\nlast\r".getBytes(StandardCharsets.ISO_8859_1));
    Path signed = dir.resolve("InRelease");
    gpg.run("-u", fpr, "--output", signed.toString(), "--clearsign", file.toString());

    VerificationResult r = verifier().verify(signed);

    assertThat(r.valid()).as(r.reason()).isTrue();
  }

  @Test
  void secondSignedBlockAfterTheSignatureIsRefusedAsGpgvDoes() throws Exception {
    Path good = Files.writeString(dir.resolve("good.txt"), "Suite: stable\n");
    Path evil = Files.writeString(dir.resolve("evil.txt"), "Suite: evil\n");
    Path a = dir.resolve("a.asc");
    Path b = dir.resolve("b.asc");
    gpg.run("-u", fpr, "--output", a.toString(), "--clearsign", good.toString());
    gpg.run("-u", fpr, "--output", b.toString(), "--clearsign", evil.toString());
    Path both = dir.resolve("InRelease");
    Files.writeString(both, Files.readString(a) + Files.readString(b));
    assertThat(Gpg.gpgv(publicRing, both).code()).isNotZero();
    Path out = dir.resolve("content");

    assertThatThrownBy(
            () -> verifier().verify(both, out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("second signed message")
        .hasMessageContaining("InRelease");
    assertThat(out).doesNotExist();
  }

  @Test
  void textAfterTheSignatureIsRefused() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), "Suite: stable\n");
    Path signed = dir.resolve("t.asc");
    gpg.run("-u", fpr, "--output", signed.toString(), "--clearsign", text.toString());
    Files.writeString(signed, Files.readString(signed) + "\nSuite: unsigned\n");

    assertThatThrownBy(() -> verifier().verify(signed))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("no signature covers");
  }

  @Test
  void blankLinesAfterTheSignatureAreAccepted() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), "Suite: stable\n");
    Path signed = dir.resolve("t.asc");
    gpg.run("-u", fpr, "--output", signed.toString(), "--clearsign", text.toString());
    Files.writeString(signed, Files.readString(signed) + "\n  \n");

    assertThat(verifier().verify(signed).valid()).isTrue();
  }
}
