package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
  static Gpg gpg;
  static String rsa;
  static String ed;
  static Path keyring;
  static Path keyringAsc;

  @TempDir static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void makeKeys() {
    gpg = Gpg.shared("verifier");
    rsa = gpg.key("Archive RSA <rsa@example.org>", "rsa3072");
    ed = gpg.key("Archive Ed <ed@example.org>", "ed25519");
    keyring = gpg.export("rsa@example.org", keys.resolve("rsa.gpg"), false);
    keyringAsc = gpg.export("ed@example.org", keys.resolve("ed.asc"), true);
  }

  private Verifier verifier() {
    return Verifier.builder().keyRing(keyring).keyRing(keyringAsc).build();
  }

  private Path data(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void verifiesBinaryDetachedSignatureMadeByGpg() throws Exception {
    Path data = data("SHA256SUMS", "abc  ubuntu.img\n");
    gpg.run(
        "-u",
        rsa,
        "--digest-algo",
        "SHA256",
        "--output",
        dir.resolve("SHA256SUMS.gpg").toString(),
        "--detach-sign",
        data.toString());

    VerificationResult r = verifier().verifyDetached(data, dir.resolve("SHA256SUMS.gpg"));

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyFingerprint()).isEqualTo(rsa);
              assertThat(s.hashAlgorithm()).isEqualTo("SHA256");
              assertThat(s.keyAlgorithm()).isEqualTo("RSA");
            });
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.toJson())
                .get("signatures")
                .get(0)
                .get("keyFingerprint")
                .asText())
        .isEqualTo(rsa);
  }

  @Test
  void verifiesArmoredDetachedSignatureFromLegacyEdDsaKey() throws Exception {
    Path data = data("SHA512SUMS", "def  debian.iso\n");
    Path sig = dir.resolve("SHA512SUMS.sign");
    gpg.run(
        "-u",
        ed,
        "--digest-algo",
        "SHA512",
        "--armor",
        "--output",
        sig.toString(),
        "--detach-sign",
        data.toString());

    VerificationResult r = verifier().verifyDetached(data, sig);

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures().get(0).keyAlgorithm()).isEqualTo("EdDSA");
    assertThat(r.signatures().get(0).hashAlgorithm()).isEqualTo("SHA512");
  }

  @Test
  void legacyEdDsaSignaturesWithLeadingZeroBytesVerify() throws Exception {
    // About 1 in 128 EdDSA signatures has an R or S with a leading zero byte, which the MPI
    // encoding strips (GnuPG and BouncyCastle alike). Sign distinct inputs in-process with the
    // gpg-made key until two such signatures exist, then check them with gpgv and with ours.
    Path secret = gpg.exportSecret(ed, keys.resolve("ed-secret.gpg"), false);
    Path edRing = gpg.export("ed@example.org", keys.resolve("ed.gpg"), false);
    Signer signer =
        Signer.builder()
            .secretKeyRing(secret)
            .fingerprint(ed)
            .passphrase(Gpg.PASSPHRASE.toCharArray())
            .build();
    int shortOnes = 0;
    for (int i = 0; i < 5000 && shortOnes < 2; i++) {
      Path data = data("d", "payload " + i);
      Path sig = dir.resolve("d" + shortOnes + ".sig");
      signer.signDetached(data, sig);
      if (!hasShortMpi(Files.readAllBytes(sig))) {
        continue;
      }
      Path kept = dir.resolve("short" + shortOnes);
      Files.move(data, kept);
      shortOnes++;
      Gpg.Result gpgv = Gpg.gpgv(edRing, sig, kept);
      assertThat(gpgv.code()).as("gpgv on input %d: %s", i, gpgv.stderr()).isZero();
      VerificationResult r = verifier().verifyDetached(kept, sig);
      assertThat(r.valid()).as("input %d: %s", i, r.reason()).isTrue();
    }
    assertThat(shortOnes).isEqualTo(2);
  }

  private static boolean hasShortMpi(byte[] sig) throws Exception {
    var in = new org.bouncycastle.bcpg.BCPGInputStream(new java.io.ByteArrayInputStream(sig));
    var packet = (org.bouncycastle.bcpg.SignaturePacket) in.readPacket();
    for (var mpi : packet.getSignature()) {
      if (mpi.getValue().bitLength() <= 248) {
        return true;
      }
    }
    return false;
  }

  @Test
  void reportsBadSignatureWhenDataWasAltered() throws Exception {
    Path data = data("SHA256SUMS", "abc  ubuntu.img\n");
    Path sig = dir.resolve("SHA256SUMS.gpg");
    gpg.run("-u", rsa, "--output", sig.toString(), "--detach-sign", data.toString());
    Files.writeString(data, "abd  ubuntu.img\n");

    VerificationResult r = verifier().verifyDetached(data, sig);

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).reason()).contains("BAD signature");
  }

  @Test
  void refusesSignatureFromUnpinnedKey() throws Exception {
    Path data = data("InRelease.txt", "Origin: Ubuntu\n");
    Path sig = dir.resolve("x.sig");
    gpg.run("-u", ed, "--output", sig.toString(), "--detach-sign", data.toString());

    Verifier pinned =
        Verifier.builder().keyRing(keyring).keyRing(keyringAsc).requireFingerprint(rsa).build();
    VerificationResult r = pinned.verifyDetached(data, sig);

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).valid()).isTrue();
    assertThat(r.reason()).contains("no valid signature from a required key").contains(rsa);
  }

  @Test
  void signatureFromKeyNotInKeyringIsInvalidAndNamesTheKey() throws Exception {
    Path data = data("a.txt", "hello\n");
    Path sig = dir.resolve("a.sig");
    gpg.run("-u", ed, "--output", sig.toString(), "--detach-sign", data.toString());

    VerificationResult r = Verifier.builder().keyRing(keyring).build().verifyDetached(data, sig);

    assertThat(r.valid()).isFalse();
    assertThat(r.signatures().get(0).keyFingerprint()).isNull();
    assertThat(r.reason()).contains(ed).contains("not in the given keyrings");
  }

  @Test
  void refusesSha1DataSignatureUnlessCallerOptsIn() throws Exception {
    Path data = data("old.txt", "legacy\n");
    Path sig = dir.resolve("old.sig");
    gpg.run(
        "-u",
        rsa,
        "--digest-algo",
        "SHA1",
        "--output",
        sig.toString(),
        "--detach-sign",
        data.toString());

    VerificationResult strict = verifier().verifyDetached(data, sig);
    VerificationResult historic =
        Verifier.builder()
            .keyRing(keyring)
            .hashPolicy(HashPolicy.withHistoricCutoffs())
            .build()
            .verifyDetached(data, sig);
    VerificationResult optedIn =
        Verifier.builder()
            .keyRing(keyring)
            .hashPolicy(HashPolicy.strict().toBuilder().accept(HashAlgorithm.SHA1).build())
            .build()
            .verifyDetached(data, sig);

    assertThat(strict.valid()).isFalse();
    assertThat(strict.reason()).contains("SHA1 is not accepted");
    assertThat(historic.valid()).isFalse();
    assertThat(historic.reason()).contains("before 2013-02-01");
    assertThat(optedIn.valid()).as(optedIn.reason()).isTrue();
  }

  @Test
  void refusesSignatureDatedInTheFuture() throws Exception {
    Path data = data("f.txt", "tomorrow\n");
    Path sig = dir.resolve("f.sig");
    gpg.run(
        "-u",
        rsa,
        "--faked-system-time",
        "20990101T000000",
        "--output",
        sig.toString(),
        "--detach-sign",
        data.toString());

    VerificationResult r = verifier().verifyDetached(data, sig);

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("in the future");
  }

  @Test
  void verifiesClearSignedMessageWithDashEscapingAndTrailingWhitespace() throws Exception {
    Path data =
        data(
            "Release",
            "Origin: Debian\n- leading dash\n-----not armor\nFrom the start   \ttrailing\t \n\nlast line");
    Path signed = dir.resolve("InRelease");
    gpg.run("-u", rsa, "--output", signed.toString(), "--clearsign", data.toString());
    assertThat(Files.readString(signed)).contains("- -----not armor");
    Path out = dir.resolve("Release.out");

    VerificationResult r =
        verifier().verifyClearSigned(signed, out, ProgressListener.NONE, Cancellation.never());

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(Files.readString(out))
        .startsWith("Origin: Debian\n- leading dash\n-----not armor\n");
  }

  @Test
  void verifiesInReleaseWithSeveralHashHeadersAndSignaturesFromRsaAndEdDsaKeys() throws Exception {
    Path data = data("Release", "Origin: Ubuntu\nSuite: noble\nSHA256:\n abc 12 main/Packages");
    Path a = dir.resolve("a.asc");
    Path b = dir.resolve("b.asc");
    gpg.run(
        "-u",
        rsa,
        "--textmode",
        "--digest-algo",
        "SHA256",
        "--output",
        a.toString(),
        "--detach-sign",
        data.toString());
    gpg.run(
        "-u",
        ed,
        "--textmode",
        "--digest-algo",
        "SHA512",
        "--output",
        b.toString(),
        "--detach-sign",
        data.toString());
    byte[] both = concat(Files.readAllBytes(a), Files.readAllBytes(b));
    Path inRelease = dir.resolve("InRelease");
    Files.writeString(
        inRelease,
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\nHash: SHA512\n\n"
            + Files.readString(data).stripTrailing()
            + "\n"
            + armor("SIGNATURE", both));
    Path combined = dir.resolve("both.gpg");
    Files.write(combined, concat(Files.readAllBytes(keyring), Files.readAllBytes(gpgBinary(ed))));
    Gpg.Result gpgv = Gpg.gpgv(combined, inRelease);
    assertThat(gpgv.code()).as("gpgv accepts the fixture: %s", gpgv.stderr()).isZero();

    VerificationResult r = verifier().verify(inRelease);

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures()).hasSize(2).allSatisfy(s -> assertThat(s.valid()).isTrue());
    assertThat(r.signatures())
        .extracting(SignatureVerdict::keyAlgorithm)
        .containsExactly("RSA", "EdDSA");
  }

  @Test
  void refusesClearSignedSignatureWhoseHashIsNotInTheHashHeader() throws Exception {
    Path data = data("Release", "Origin: Ubuntu\n");
    Path signed = dir.resolve("InRelease");
    gpg.run(
        "-u",
        rsa,
        "--digest-algo",
        "SHA512",
        "--output",
        signed.toString(),
        "--clearsign",
        data.toString());
    Files.writeString(signed, Files.readString(signed).replace("Hash: SHA512", "Hash: SHA256"));

    VerificationResult r = verifier().verify(signed);

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("Hash: header lists only");
  }

  @Test
  void verifiesInlineSignedCompressedMessageAndWritesItsContent() throws Exception {
    Path data = data("payload.txt", "inline content\n".repeat(1000));
    Path signed = dir.resolve("payload.txt.gpg");
    gpg.run("-u", ed, "--output", signed.toString(), "--sign", data.toString());
    Path armored = dir.resolve("payload.txt.asc");
    gpg.run(
        "-u",
        rsa,
        "--armor",
        "--compress-algo",
        "none",
        "--output",
        armored.toString(),
        "--sign",
        data.toString());
    Path out = dir.resolve("out.txt");

    VerificationResult binary =
        verifier().verifyInline(signed, out, ProgressListener.NONE, Cancellation.never());
    VerificationResult fromArmor = verifier().verify(armored);

    assertThat(binary.valid()).as(binary.reason()).isTrue();
    assertThat(Files.readString(out)).isEqualTo(Files.readString(data));
    assertThat(fromArmor.valid()).as(fromArmor.reason()).isTrue();
  }

  @Test
  void detachedOrThrowNamesTheFileAndTheBadSignatureWhenDataWasAltered() throws Exception {
    Path data = data("SHA256SUMS", "abc  ubuntu.img\n");
    Path sig = dir.resolve("SHA256SUMS.gpg");
    gpg.run("-u", rsa, "--output", sig.toString(), "--detach-sign", data.toString());

    assertThat(verifier().verifyDetachedOrThrow(data, sig).valid()).isTrue();

    Files.writeString(data, "abd  ubuntu.img\n");
    assertThatThrownBy(() -> verifier().verifyDetachedOrThrow(data, sig))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageStartingWith(data + ": ")
        .hasMessageContaining(rsa);
  }

  @Test
  void inlineOrThrowFailsWithTheReasonAndLeavesNoOutput() throws Exception {
    Path data = data("payload.txt", "inline content\n");
    Path signed = dir.resolve("payload.txt.gpg");
    gpg.run("-u", ed, "--output", signed.toString(), "--sign", data.toString());
    Path out = dir.resolve("out.txt");
    Verifier pinnedToOther = Verifier.builder().keyRing(keyring).requireFingerprint(rsa).build();

    assertThatThrownBy(
            () ->
                pinnedToOther.verifyInlineOrThrow(
                    signed, out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageStartingWith(signed + ": ");
    assertThat(out).doesNotExist();
    assertThatThrownBy(() -> pinnedToOther.verifyOrThrow(signed))
        .isInstanceOf(CheckFailedException.class);
  }

  @Test
  void leavesNoOutputFileWhenInlineSignatureFails() throws Exception {
    Path data = data("payload.txt", "inline content\n");
    Path signed = dir.resolve("payload.txt.gpg");
    gpg.run("-u", ed, "--output", signed.toString(), "--sign", data.toString());
    Path out = dir.resolve("out.txt");

    VerificationResult r =
        Verifier.builder()
            .keyRing(keyring)
            .build()
            .verifyInline(signed, out, ProgressListener.NONE, Cancellation.never());

    assertThat(r.valid()).isFalse();
    assertThat(out).doesNotExist();
    assertThat(dir).isDirectoryNotContaining("glob:**.partial");
  }

  @Test
  void refusesRevokedKey() throws Exception {
    Gpg own = Gpg.shared("revoked");
    String fpr = own.key("Revoked <revoked@example.org>", "ed25519");
    Path data = data("r.txt", "revoke me\n");
    Path sig = dir.resolve("r.sig");
    own.run("-u", fpr, "--output", sig.toString(), "--detach-sign", data.toString());
    Path rev = own.home.resolve("openpgp-revocs.d").resolve(fpr + ".rev");
    Path cert = dir.resolve("cert.rev");
    Files.writeString(cert, Files.readString(rev).replace(":-----BEGIN", "-----BEGIN"));
    own.run("--import", cert.toString());
    Path ring = own.export(fpr, dir.resolve("revoked.gpg"), false);

    VerificationResult r = Verifier.builder().keyRing(ring).build().verifyDetached(data, sig);

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("revoked");
  }

  @Test
  void refusesRsaKeyUnder2048BitsUnlessCallerLowersTheMinimum() throws Exception {
    Gpg own = Gpg.shared("weak");
    String fpr = own.key("Weak <weak@example.org>", "rsa1024");
    Path data = data("w.txt", "weak\n");
    Path sig = dir.resolve("w.sig");
    own.run("-u", fpr, "--output", sig.toString(), "--detach-sign", data.toString());
    Path ring = own.export(fpr, dir.resolve("weak.gpg"), false);

    VerificationResult strict = Verifier.builder().keyRing(ring).build().verifyDetached(data, sig);
    VerificationResult lowered =
        Verifier.builder().keyRing(ring).minimumKeyBits(1024).build().verifyDetached(data, sig);

    assertThat(strict.valid()).isFalse();
    assertThat(strict.reason()).contains("1024 bits");
    assertThat(lowered.valid()).as(lowered.reason()).isTrue();
  }

  @Test
  void verifiesSignatureBySigningSubkeyWhenPrimaryIsPinned() throws Exception {
    Gpg own = Gpg.shared("subkey");
    String fpr = own.key("Sub <sub@example.org>", "ed25519");
    if (own.tryRun("--with-colons", "--list-keys", fpr)
        .stdout()
        .lines()
        .noneMatch(l -> l.startsWith("sub:"))) {
      own.run("--quick-add-key", fpr, "rsa3072", "sign", "never");
    }
    Path data = data("s.txt", "sub\n");
    Path sig = dir.resolve("s.sig");
    own.run("-u", fpr, "--output", sig.toString(), "--detach-sign", data.toString());
    Path ring = own.export(fpr, dir.resolve("sub.gpg"), false);

    VerificationResult r =
        Verifier.builder().keyRing(ring).requireFingerprint(fpr).build().verifyDetached(data, sig);

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.signatures().get(0).keyFingerprint()).isNotEqualTo(fpr);
    assertThat(r.signatures().get(0).primaryKeyFingerprint()).isEqualTo(fpr);
  }

  static Path gpgBinary(String fpr) {
    try {
      Path p = Files.createTempFile("ed", ".gpg");
      p.toFile().deleteOnExit();
      return gpg.export(fpr, p, false);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Armors bytes the way gpg does, with a CRC-24 line. */
  static String armor(String type, byte[] data) {
    int crc = 0xB704CE;
    for (byte b : data) {
      crc ^= (b & 0xff) << 16;
      for (int i = 0; i < 8; i++) {
        crc <<= 1;
        if ((crc & 0x1000000) != 0) {
          crc ^= 0x1864CFB;
        }
      }
    }
    crc &= 0xFFFFFF;
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
    String sum =
        Base64.getEncoder()
            .encodeToString(new byte[] {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc});
    return "-----BEGIN PGP "
        + type
        + "-----\n\n"
        + body
        + "\n="
        + sum
        + "\n-----END PGP "
        + type
        + "-----\n";
  }
}
