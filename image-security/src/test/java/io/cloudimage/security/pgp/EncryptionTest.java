package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EncryptionTest {
  static Gpg gpg;
  static String rsa;
  static String ed;
  static Path publicRing;
  static Path secretRing;
  static Path image;

  @TempDir static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void makeKeysAndImage() throws Exception {
    gpg = Gpg.shared("encryption");
    rsa = gpg.keyWithEncryption("Ops RSA <ops-rsa@example.org>", "rsa3072", "rsa3072");
    ed = gpg.keyWithEncryption("Ops Ed <ops-ed@example.org>", "ed25519", "cv25519");
    publicRing = keys.resolve("public.gpg");
    gpg.run("--output", publicRing.toString(), "--export", rsa, ed);
    secretRing = keys.resolve("secret.gpg");
    gpg.run("--output", secretRing.toString(), "--export-secret-keys", rsa, ed);
    // A multi-MiB "disk image": random blocks and a run of zeros, not a multiple of any buffer.
    byte[] bytes = new byte[(5 << 20) + 12345];
    new Random(42).nextBytes(bytes);
    java.util.Arrays.fill(bytes, 1 << 20, 2 << 20, (byte) 0);
    image = keys.resolve("image.raw");
    Files.write(image, bytes);
  }

  static Stream<String> recipients() {
    return Stream.of("rsa", "ed");
  }

  private static String fpr(String which) {
    return which.equals("rsa") ? rsa : ed;
  }

  private static Decryptor decryptor() {
    return Decryptor.builder()
        .secretKeyRing(secretRing)
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .build();
  }

  private void assertSameAsImage(Path p) throws Exception {
    assertThat(Files.mismatch(p, image)).isEqualTo(-1L);
  }

  @ParameterizedTest
  @MethodSource("recipients")
  void gpgDecryptsWhatWeEncryptToItsKey(String which) throws Exception {
    for (boolean armor : new boolean[] {false, true}) {
      Path encrypted = dir.resolve("image.raw.gpg");
      Encryptor.Builder builder = Encryptor.builder().recipient(publicRing, fpr(which));
      if (armor) {
        builder.armor();
      }
      builder.build().encrypt(image, encrypted, ProgressListener.NONE, Cancellation.never());
      Path out = dir.resolve("by-gpg.raw");
      Files.deleteIfExists(out);

      gpg.run("--output", out.toString(), "--decrypt", encrypted.toString());

      assertSameAsImage(out);
    }
  }

  @ParameterizedTest
  @MethodSource("recipients")
  void weDecryptWhatGpgEncryptsToOurKey(String which) throws Exception {
    Path encrypted = dir.resolve("image.raw.gpg");
    gpg.run(
        "--trust-model",
        "always",
        "--recipient",
        fpr(which),
        "--output",
        encrypted.toString(),
        "--encrypt",
        image.toString());
    Path out = dir.resolve("image.out");

    Decryptor.Decrypted d =
        decryptor().decrypt(encrypted, out, ProgressListener.NONE, Cancellation.never());

    assertSameAsImage(out);
    assertThat(d.bytes()).isEqualTo(Files.size(image));
    assertThat(d.fileName()).isEqualTo("image.raw");
    assertThat(d.decryptedBy()).startsWith("key ");
  }

  @Test
  void weDecryptGpgSymmetricAes256AndGpgDecryptsOurPassphraseMessage() throws Exception {
    Path theirs = dir.resolve("theirs.gpg");
    gpg.run(
        "--symmetric",
        "--cipher-algo",
        "AES256",
        "--armor",
        "--output",
        theirs.toString(),
        image.toString());
    Path out = dir.resolve("theirs.raw");
    Decryptor.Decrypted d =
        Decryptor.builder()
            .passphrase(Gpg.PASSPHRASE.toCharArray())
            .build()
            .decrypt(theirs, out, ProgressListener.NONE, Cancellation.never());
    assertSameAsImage(out);
    assertThat(d.decryptedBy()).isEqualTo("passphrase");

    Path ours = dir.resolve("ours.gpg");
    Encryptor.builder()
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .build()
        .encrypt(image, ours, ProgressListener.NONE, Cancellation.never());
    Path back = dir.resolve("ours.raw");
    gpg.run("--output", back.toString(), "--decrypt", ours.toString());
    assertSameAsImage(back);
  }

  @Test
  void messageForKeyAndPassphraseOpensWithEither() throws Exception {
    Path encrypted = dir.resolve("both.gpg");
    Encryptor.builder()
        .recipient(publicRing, ed)
        .passphrase("break glass".toCharArray())
        .compression(Compression.ZLIB)
        .build()
        .encrypt(image, encrypted, ProgressListener.NONE, Cancellation.never());

    Path byKey = dir.resolve("by-key.raw");
    decryptor().decrypt(encrypted, byKey, ProgressListener.NONE, Cancellation.never());
    Path byPassphrase = dir.resolve("by-pass.raw");
    Decryptor.builder()
        .passphrase("break glass".toCharArray())
        .build()
        .decrypt(encrypted, byPassphrase, ProgressListener.NONE, Cancellation.never());

    assertSameAsImage(byKey);
    assertSameAsImage(byPassphrase);
  }

  @Test
  void tamperedCiphertextFailsAndLeavesNoOutput() throws Exception {
    Path encrypted = dir.resolve("image.raw.gpg");
    Encryptor.builder()
        .recipient(publicRing, rsa)
        .build()
        .encrypt(image, encrypted, ProgressListener.NONE, Cancellation.never());
    byte[] bytes = Files.readAllBytes(encrypted);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(encrypted, bytes);
    Path out = dir.resolve("image.out");

    assertThatThrownBy(
            () -> decryptor().decrypt(encrypted, out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining(encrypted.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(encrypted);
    }
    assertThat(
            gpg.tryRun("--output", dir.resolve("g").toString(), "--decrypt", encrypted.toString())
                .code())
        .as("gpg agrees the ciphertext is damaged")
        .isNotZero();
  }

  @Test
  void wrongPassphraseForSymmetricMessageIsReportedAsSuch() throws Exception {
    Path encrypted = dir.resolve("sym.gpg");
    Encryptor.builder()
        .passphrase("right".toCharArray())
        .build()
        .encrypt(image, encrypted, ProgressListener.NONE, Cancellation.never());
    Path out = dir.resolve("sym.out");

    assertThatThrownBy(
            () ->
                Decryptor.builder()
                    .passphrase("wrong".toCharArray())
                    .build()
                    .decrypt(encrypted, out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(WrongPassphraseException.class);
    assertThat(out).doesNotExist();
  }

  @Test
  void messageForAnotherKeyNamesTheKeyIdsItIsFor() throws Exception {
    Path encrypted = dir.resolve("other.gpg");
    Encryptor.builder()
        .recipient(publicRing, rsa)
        .build()
        .encrypt(image, encrypted, ProgressListener.NONE, Cancellation.never());

    assertThatThrownBy(
            () ->
                Decryptor.builder()
                    .passphrase("x".toCharArray())
                    .build()
                    .decrypt(
                        encrypted, dir.resolve("o"), ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(io.cloudimage.core.error.InvalidInputException.class)
        .hasMessageContaining("encrypted to key ids");
  }
}
