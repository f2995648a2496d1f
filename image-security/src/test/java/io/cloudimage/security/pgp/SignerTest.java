package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignerTest {
  static Gpg gpg;
  static String rsa;
  static String ed;
  static Path publicRing;
  static Path rsaSecret;
  static Path edSecret;

  @TempDir static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void makeKeys() {
    gpg = Gpg.shared("signer");
    rsa = gpg.key("Release RSA <release-rsa@example.org>", "rsa3072");
    ed = gpg.key("Release Ed <release-ed@example.org>", "ed25519");
    publicRing = keys.resolve("public.gpg");
    gpg.run("--output", publicRing.toString(), "--export", rsa, ed);
    rsaSecret = gpg.exportSecret(rsa, keys.resolve("rsa-secret.gpg"), false);
    edSecret = gpg.exportSecret(ed, keys.resolve("ed-secret.asc"), true);
  }

  static Stream<String> keyNames() {
    return Stream.of("rsa", "ed");
  }

  private static Signer signer(String which) {
    return Signer.builder()
        .secretKeyRing(which.equals("rsa") ? rsaSecret : edSecret)
        .fingerprint(which.equals("rsa") ? rsa : ed)
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .build();
  }

  private static Signer armoredSigner(String which) {
    return Signer.builder()
        .secretKeyRing(which.equals("rsa") ? rsaSecret : edSecret)
        .fingerprint(which.equals("rsa") ? rsa : ed)
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .armor()
        .build();
  }

  private static Verifier verifier() {
    return Verifier.builder().keyRing(publicRing).build();
  }

  @ParameterizedTest
  @MethodSource("keyNames")
  void binaryAndArmoredDetachedSignaturesVerifyWithGpgvAndVerifier(String which) throws Exception {
    Path data = dir.resolve("image.raw");
    byte[] content = new byte[3 << 20];
    new java.util.Random(7).nextBytes(content);
    Files.write(data, content);
    for (boolean armor : new boolean[] {false, true}) {
      Signer signer = armor ? armoredSigner(which) : signer(which);
      Path sig = dir.resolve(armor ? "image.raw.asc" : "image.raw.sig");
      signer.signDetached(data, sig, ProgressListener.NONE, Cancellation.never());

      assertThat(Files.readString(sig, StandardCharsets.ISO_8859_1).startsWith("-----BEGIN"))
          .isEqualTo(armor);
      Gpg.Result gpgv = Gpg.gpgv(publicRing, sig, data);
      assertThat(gpgv.code()).as(gpgv.stderr()).isZero();
      VerificationResult r = verifier().verifyDetached(data, sig);
      assertThat(r.valid()).as(r.reason()).isTrue();
      assertThat(r.signatures().get(0).keyFingerprint()).isEqualTo(signer.keyFingerprint());
      assertThat(r.signatures().get(0).hashAlgorithm()).isEqualTo("SHA256");
    }
  }

  @ParameterizedTest
  @MethodSource("keyNames")
  void clearSignedTextVerifiesWithGpgvAndVerifierAndKeepsTheText(String which) throws Exception {
    String text =
        "Origin: cloudimage\r\n- a dashed line\n-----BEGIN not armor\ntrailing  \t\n\nlast line\n";
    Path file = dir.resolve("Release");
    Files.writeString(file, text);
    Path signed = dir.resolve("InRelease");

    signer(which).signClearText(file, signed, ProgressListener.NONE, Cancellation.never());

    String out = Files.readString(signed);
    assertThat(out)
        .startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: cloudimage\n")
        .contains("\n- - a dashed line\n- -----BEGIN not armor\n");
    Gpg.Result gpgv = Gpg.gpgv(publicRing, signed);
    assertThat(gpgv.code()).as(gpgv.stderr()).isZero();
    Path content = dir.resolve("content");
    VerificationResult r =
        verifier().verify(signed, content, ProgressListener.NONE, Cancellation.never());
    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(Files.readString(content))
        .startsWith("Origin: cloudimage\n- a dashed line\n-----BEGIN not armor\ntrailing");
  }

  @Test
  void clearSignedWithSha512NamesItInTheHashHeaderAndVerifies() throws Exception {
    Path file = dir.resolve("SHA512SUMS");
    Files.writeString(file, "abc  debian.iso\n");
    Path signed = dir.resolve("SHA512SUMS.asc");
    Signer.builder()
        .secretKeyRing(rsaSecret)
        .passphrase(Gpg.PASSPHRASE.toCharArray())
        .hash(HashAlgorithm.SHA512)
        .build()
        .signClearText(file, signed, ProgressListener.NONE, Cancellation.never());

    assertThat(Files.readString(signed)).contains("Hash: SHA512\n");
    assertThat(Gpg.gpgv(publicRing, signed).code()).isZero();
    assertThat(verifier().verify(signed).valid()).isTrue();
  }

  @Test
  void wrongPassphraseIsReportedAsSuch() {
    assertThatThrownBy(
            () ->
                Signer.builder()
                    .secretKeyRing(rsaSecret)
                    .passphrase("not the passphrase".toCharArray())
                    .build())
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("wrong passphrase")
        .hasMessageContaining(rsa);
  }

  @Test
  void refusesWeakHashes() {
    for (HashAlgorithm weak : new HashAlgorithm[] {HashAlgorithm.MD5, HashAlgorithm.SHA1}) {
      assertThatThrownBy(() -> Signer.builder().hash(weak))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("too weak");
    }
  }

  @Test
  void publicKeyFileGivenAsSecretKeyringIsBadInput() {
    assertThatThrownBy(
            () ->
                Signer.builder()
                    .secretKeyRing(publicRing)
                    .passphrase(Gpg.PASSPHRASE.toCharArray())
                    .build())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void leavesNoSignatureWhenCancelled() throws Exception {
    Path data = dir.resolve("big");
    Files.write(data, new byte[1 << 20]);
    Path sig = dir.resolve("big.sig");
    Cancellation cancel = Cancellation.create();
    cancel.cancel();

    assertThatThrownBy(() -> signer("ed").signDetached(data, sig, ProgressListener.NONE, cancel))
        .isInstanceOf(io.cloudimage.core.error.CancelledException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(data);
    }
  }

  @Test
  void keyExpiredWhenTheSignatureWasMadeIsRefused() throws Exception {
    Gpg own = Gpg.shared("expiring");
    String fpr = own.key("Short Lived <short@example.org>", "ed25519");
    own.run("--quick-set-expire", fpr, "1d");
    Path secret = own.exportSecret(fpr, dir.resolve("short-secret.gpg"), false);
    Path ring = own.export(fpr, dir.resolve("short.gpg"), false);
    Instant later = Instant.now().plus(Duration.ofDays(3));
    Clock clock = Clock.fixed(later, ZoneOffset.UTC);

    // Our signer will not date a signature after the key's expiry...
    assertThatThrownBy(
            () ->
                Signer.builder()
                    .secretKeyRing(secret)
                    .passphrase(Gpg.PASSPHRASE.toCharArray())
                    .clock(clock)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expired");

    // ...so make one with BouncyCastle directly, and the verifier must refuse it.
    SecretKeys keys = SecretKeys.load(secret);
    SecretKeys.Entry entry = keys.signingKey(null, null);
    PGPPrivateKey key =
        SecretKeys.unlock(entry.secret(), Gpg.PASSPHRASE.toCharArray(), keys.file());
    PGPPublicKey pub = entry.secret().getPublicKey();
    PGPSignatureGenerator g =
        new PGPSignatureGenerator(new BcPGPContentSignerBuilder(pub.getAlgorithm(), 8), pub);
    g.init(PGPSignature.BINARY_DOCUMENT, key);
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setSignatureCreationTime(false, Date.from(later));
    hashed.setIssuerFingerprint(false, pub);
    g.setHashedSubpackets(hashed.generate());
    byte[] content = "expired\n".getBytes(StandardCharsets.UTF_8);
    g.update(content);
    Path data = dir.resolve("e.txt");
    Files.write(data, content);
    Path sig = dir.resolve("e.sig");
    Files.write(sig, g.generate().getEncoded());

    VerificationResult r =
        Verifier.builder().keyRing(ring).clock(clock).build().verifyDetached(data, sig);

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("expired");
  }
}
