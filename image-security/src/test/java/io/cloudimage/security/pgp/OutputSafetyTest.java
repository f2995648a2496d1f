package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No OpenPGP operation writes its output over one of its inputs, by name or through a link. */
class OutputSafetyTest {
  static Gpg gpg;
  static String fpr;
  static Path publicRing;
  static Path secretRing;

  @TempDir static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void makeKey() {
    gpg = Gpg.shared("outputs");
    fpr = gpg.keyWithEncryption("Outputs <outputs@example.org>", "ed25519", "cv25519");
    publicRing = gpg.export(fpr, keys.resolve("public.gpg"), false);
    secretRing = gpg.exportSecret(fpr, keys.resolve("secret.gpg"), false);
  }

  private static Signer signer() {
    return Signer.builder()
        .secretKeyRing(secretRing)
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .build();
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void detachedSignatureOverTheDataItselfIsRefusedAndTheDataKept() throws Exception {
    Path data = file("d.bin", "the data");

    assertThatThrownBy(() -> signer().signDetached(data, data))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("output " + data)
        .hasMessageContaining("input " + data);
    assertThat(Files.readString(data)).isEqualTo("the data");
  }

  @Test
  void signatureThroughASymbolicOrHardLinkToTheDataIsRefused() throws Exception {
    Path data = file("d.bin", "the data");
    Path soft = Files.createSymbolicLink(dir.resolve("soft.sig"), data);
    Path hard = Files.createLink(dir.resolve("hard.sig"), data);

    for (Path out : new Path[] {soft, hard}) {
      assertThatThrownBy(() -> signer().signDetached(data, out))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(out.toString());
    }
    assertThat(Files.readString(data)).isEqualTo("the data");
  }

  @Test
  void signatureOverTheSecretKeyringIsRefused() throws Exception {
    Path data = file("d.bin", "the data");
    byte[] before = Files.readAllBytes(secretRing);

    assertThatThrownBy(() -> signer().signDetached(data, secretRing))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Files.readAllBytes(secretRing)).isEqualTo(before);
  }

  @Test
  void clearSignedTextOverItselfIsRefused() throws Exception {
    Path text = file("Release", "Suite: stable\n");

    assertThatThrownBy(
            () -> signer().signClearText(text, text, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Files.readString(text)).isEqualTo("Suite: stable\n");
  }

  @Test
  void encryptingAFileOverItselfIsRefused() throws Exception {
    Path plain = file("p", "plain text");

    assertThatThrownBy(
            () ->
                Encryptor.builder()
                    .recipient(publicRing)
                    .build()
                    .encrypt(plain, plain, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("same file");
    assertThat(Files.readString(plain)).isEqualTo("plain text");
  }

  @Test
  void decryptingAMessageOverItselfIsRefusedAndTheOutputIsOwnerOnly() throws Exception {
    Path plain = file("p", "plain text");
    Path message = dir.resolve("p.gpg");
    Encryptor.builder()
        .recipient(publicRing)
        .build()
        .encrypt(plain, message, ProgressListener.NONE, Cancellation.never());
    byte[] before = Files.readAllBytes(message);
    Decryptor decryptor =
        Decryptor.builder()
            .secretKeyRing(secretRing)
            .passphrase(Gpg.PASSPHRASE.toCharArray())
            .build();
    Path link = Files.createSymbolicLink(dir.resolve("link"), message);

    assertThatThrownBy(
            () -> decryptor.decrypt(message, link, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Files.readAllBytes(message)).isEqualTo(before);

    Path out = dir.resolve("p.out");
    decryptor.decrypt(message, out, ProgressListener.NONE, Cancellation.never());
    assertThat(Files.readString(out)).isEqualTo("plain text");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  @Test
  void verifiedContentOverTheSignedFileIsRefused() throws Exception {
    Path text = file("m.txt", "message\n");
    Path signed = dir.resolve("m.asc");
    gpg.run("-u", fpr, "--output", signed.toString(), "--clearsign", text.toString());
    byte[] before = Files.readAllBytes(signed);
    Verifier verifier = Verifier.builder().keyRing(publicRing).build();

    assertThatThrownBy(
            () -> verifier.verify(signed, signed, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("m.asc");
    assertThat(Files.readAllBytes(signed)).isEqualTo(before);

    Path inline = dir.resolve("m.gpg");
    gpg.run("-u", fpr, "--output", inline.toString(), "--sign", text.toString());
    assertThatThrownBy(
            () -> verifier.verify(inline, inline, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> verifier.verify(inline, publicRing, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class);
  }
}
