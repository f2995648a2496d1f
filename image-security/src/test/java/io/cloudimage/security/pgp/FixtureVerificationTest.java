package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verification against keys and signatures made once by the real gpg and kept under {@code
 * fixtures/} (see its README for the commands), so these checks run where gpg is not installed.
 */
class FixtureVerificationTest {
  @TempDir Path dir;

  private static Verifier verifier() {
    return Verifier.builder()
        .keyRing(Fixtures.path("rsa.pub.gpg"))
        .keyRing(Fixtures.path("ed25519.pub.asc"))
        .build();
  }

  private static Verifier verifierWith(String keyring) {
    return Verifier.builder().keyRing(Fixtures.path(keyring)).build();
  }

  @Test
  void verifiesBinaryDetachedRsaSignature() {
    VerificationResult r =
        verifier().verifyDetached(Fixtures.path("SHA256SUMS"), Fixtures.path("SHA256SUMS.rsa.sig"));

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyFingerprint()).isEqualTo(Fixtures.RSA);
              assertThat(s.hashAlgorithm()).isEqualTo("SHA256");
              assertThat(s.keyAlgorithm()).isEqualTo("RSA");
            });
  }

  @Test
  void verifiesArmoredDetachedEd25519SignatureWithArmoredKeyring() {
    VerificationResult r =
        verifierWith("ed25519.pub.asc")
            .verifyDetached(Fixtures.path("SHA256SUMS"), Fixtures.path("SHA256SUMS.ed25519.asc"));

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures().get(0).keyFingerprint()).isEqualTo(Fixtures.ED25519);
    assertThat(r.signatures().get(0).keyAlgorithm()).isEqualTo("EdDSA");
    assertThat(r.signatures().get(0).hashAlgorithm()).isEqualTo("SHA512");
  }

  @Test
  void reportsBadSignatureWhenDataWasAltered() {
    VerificationResult r =
        verifier()
            .verifyDetached(
                Fixtures.path("SHA256SUMS.altered"), Fixtures.path("SHA256SUMS.rsa.sig"));

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).reason()).contains("BAD signature");
  }

  @Test
  void detachedOrThrowNamesTheFileAndTheKeyWhenDataWasAltered() {
    Path altered = Fixtures.path("SHA256SUMS.altered");

    assertThatThrownBy(
            () -> verifier().verifyDetachedOrThrow(altered, Fixtures.path("SHA256SUMS.rsa.sig")))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageStartingWith(altered + ": ")
        .hasMessageContaining(Fixtures.RSA);
  }

  @Test
  void refusesSignatureFromUnpinnedKey() {
    Verifier pinned =
        Verifier.builder()
            .keyRing(Fixtures.path("rsa.pub.gpg"))
            .keyRing(Fixtures.path("ed25519.pub.asc"))
            .requireFingerprint(Fixtures.RSA)
            .build();

    VerificationResult r =
        pinned.verifyDetached(Fixtures.path("SHA256SUMS"), Fixtures.path("SHA256SUMS.ed25519.asc"));

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).valid()).isTrue();
    assertThat(r.reason())
        .contains("no valid signature from a required key")
        .contains(Fixtures.RSA);
  }

  @Test
  void signatureFromKeyNotInKeyringIsInvalidAndNamesTheKey() {
    VerificationResult r =
        verifierWith("rsa.pub.gpg")
            .verifyDetached(Fixtures.path("SHA256SUMS"), Fixtures.path("SHA256SUMS.ed25519.asc"));

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).keyFingerprint()).isNull();
    assertThat(r.reason()).contains(Fixtures.ED25519).contains("not in the given keyrings");
  }

  @Test
  void refusesSha1DataSignatureUnlessCallerOptsIn() {
    Path data = Fixtures.path("SHA256SUMS");
    Path sig = Fixtures.path("SHA256SUMS.sha1.sig");

    VerificationResult strict = verifier().verifyDetached(data, sig);
    VerificationResult optedIn =
        Verifier.builder()
            .keyRing(Fixtures.path("rsa.pub.gpg"))
            .hashPolicy(HashPolicy.strict().toBuilder().accept(HashAlgorithm.SHA1).build())
            .build()
            .verifyDetached(data, sig);

    assertThat(strict.valid()).isFalse();
    assertThat(strict.reason()).contains("SHA1 is not accepted");
    assertThat(optedIn.valid()).as(optedIn.reason()).isTrue();
  }

  @Test
  void refusesSignatureDatedInTheFuture() {
    VerificationResult r =
        verifier()
            .verifyDetached(Fixtures.path("SHA256SUMS"), Fixtures.path("SHA256SUMS.future.sig"));

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("in the future");
  }

  @Test
  void verifiesClearSignedMessageWithDashEscapingAndWritesItsText() throws Exception {
    assertThat(Files.readString(Fixtures.path("InRelease"))).contains("- -----not armor");
    Path out = dir.resolve("Release");

    VerificationResult r =
        verifier()
            .verifyClearSigned(
                Fixtures.path("InRelease"), out, ProgressListener.NONE, Cancellation.never());

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures().get(0).keyFingerprint()).isEqualTo(Fixtures.RSA);
    // The text is written as the message carries it: dash-escaping undone, line ends as LF, and
    // the last line ended, as gpg writes it too.
    assertThat(Files.readString(out))
        .isEqualTo(Files.readString(Fixtures.path("Release")) + "\n")
        .startsWith("Origin: Debian\n- leading dash\n-----not armor\n");
  }

  @Test
  void reportsBadSignatureWhenClearSignedTextWasAltered() throws Exception {
    VerificationResult r = verifier().verify(inReleaseWith("Origin: Debian", "Origin: Evil"));

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).reason()).contains("BAD signature");
  }

  @Test
  void refusesClearSignedSignatureWhoseHashIsNotInTheHashHeader() throws Exception {
    VerificationResult r = verifier().verify(inReleaseWith("Hash: SHA256", "Hash: SHA512"));

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("Hash: header lists only");
  }

  /** The clear-signed fixture with {@code from} replaced by {@code to}. */
  private Path inReleaseWith(String from, String to) throws Exception {
    Path signed = dir.resolve("InRelease");
    Files.writeString(signed, Files.readString(Fixtures.path("InRelease")).replace(from, to));
    return signed;
  }

  @Test
  void verifiesInlineSignedCompressedMessageAndWritesItsContent() throws Exception {
    Path out = dir.resolve("payload.txt");

    VerificationResult binary =
        verifier()
            .verifyInline(
                Fixtures.path("payload.txt.gpg"), out, ProgressListener.NONE, Cancellation.never());
    VerificationResult fromArmor = verifier().verify(Fixtures.path("payload.txt.asc"));

    assertThat(binary.valid()).as(binary.reason()).isTrue();
    assertThat(binary.signatures().get(0).keyFingerprint()).isEqualTo(Fixtures.ED25519);
    assertThat(out).hasSameBinaryContentAs(Fixtures.path("payload.txt"));
    assertThat(fromArmor.valid()).as(fromArmor.reason()).isTrue();
    assertThat(fromArmor.signatures().get(0).keyFingerprint()).isEqualTo(Fixtures.RSA);
  }

  @Test
  void inlineOrThrowFailsWithTheReasonAndLeavesNoOutput() {
    Path signed = Fixtures.path("payload.txt.gpg");
    Path out = dir.resolve("payload.txt");
    Verifier pinnedToOther =
        Verifier.builder()
            .keyRing(Fixtures.path("rsa.pub.gpg"))
            .requireFingerprint(Fixtures.RSA)
            .build();

    assertThatThrownBy(
            () ->
                pinnedToOther.verifyInlineOrThrow(
                    signed, out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageStartingWith(signed + ": ");
    assertThat(out).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  /** A revoked key, and one whose expiry passed before it signed (see the fixtures' README). */
  @ParameterizedTest
  @CsvSource({"revoked, revoked", "expired, expired on 2024-01-02"})
  void refusesSignatureByKeyThatWasNoLongerValid(String key, String reason) {
    VerificationResult r =
        verifierWith(key + ".pub.gpg")
            .verifyDetached(Fixtures.path(key + ".txt"), Fixtures.path(key + ".txt.sig"));

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains(reason);
  }

  @Test
  void rejectsAKeyringThatIsNotAKeyring() {
    assertThatThrownBy(() -> KeyRing.load(Fixtures.path("SHA256SUMS")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an OpenPGP packet header");
    assertThatThrownBy(() -> KeyRing.load(Fixtures.path("SHA256SUMS.rsa.sig")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an OpenPGP keyring");
  }

  @Test
  void secretKeyFixturesSignWhatTheVerifierAccepts() throws Exception {
    Path data = Files.writeString(dir.resolve("data"), "signed here\n");
    Path byEd = dir.resolve("data.ed.sig");
    Path byRsa = dir.resolve("data.rsa.sig");

    Signer.builder()
        .secretKeyRing(Fixtures.path("ed25519.sec.asc"))
        .passphrase(Fixtures.PASSPHRASE.toCharArray())
        .build()
        .signDetached(data, byEd);
    Signer.builder().secretKeyRing(Fixtures.path("rsa.sec.gpg")).build().signDetached(data, byRsa);

    VerificationResult ed = verifier().verifyDetached(data, byEd);
    VerificationResult rsa = verifier().verifyDetached(data, byRsa);
    assertThat(ed.valid()).as(ed.reason()).isTrue();
    assertThat(ed.signatures().get(0).keyFingerprint()).isEqualTo(Fixtures.ED25519);
    assertThat(rsa.valid()).as(rsa.reason()).isTrue();
    assertThat(rsa.signatures().get(0).keyFingerprint()).isEqualTo(Fixtures.RSA);
  }

  @Test
  void wrongPassphraseForTheProtectedFixtureKeyIsNamed() {
    assertThatThrownBy(
            () ->
                Signer.builder()
                    .secretKeyRing(Fixtures.path("ed25519.sec.asc"))
                    .passphrase("wrong".toCharArray())
                    .build()
                    .signDetached(Fixtures.path("SHA256SUMS"), dir.resolve("x.sig")))
        .isInstanceOf(WrongPassphraseException.class);
    assertThat(dir.resolve("x.sig")).doesNotExist();
  }
}
