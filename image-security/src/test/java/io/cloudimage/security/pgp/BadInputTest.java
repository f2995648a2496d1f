package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private static final byte[] SIGNATURE_ASC =
      ("-----BEGIN PGP SIGNATURE-----\n\n"
              + "iHUEABYKAB0WIQQ1u3ck7XbqmRP2vKu3tUWeN2X1uAUCZgAAAAAKCRC3tUWeN2X1\n"
              + "uAAAAQC9zQ==\n=AAAA\n-----END PGP SIGNATURE-----\n")
          .getBytes(StandardCharsets.US_ASCII);

  @Test
  void armorCrcMismatchIsNamed() {
    assertThatThrownBy(() -> KeyRing.parse(SIGNATURE_ASC, "sig.asc"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("CRC-24 mismatch");
  }

  @Test
  void truncatedArmorIsNamed() {
    byte[] cut =
        new String(SIGNATURE_ASC, StandardCharsets.US_ASCII)
            .substring(0, 60)
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> KeyRing.parse(cut, "cut.asc"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void absurdPacketLengthIsRefusedWithoutAllocating() {
    byte[] packet = {(byte) 0xC6, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 4};
    assertThatThrownBy(() -> KeyRing.parse(packet, "huge.gpg"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("claims 2147483647 bytes");
  }

  @Test
  void unknownPacketTagIsRefused() {
    byte[] packet = {(byte) 0xC0 | 40, 1, 0};
    assertThatThrownBy(() -> KeyRing.parse(packet, "odd.gpg"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown OpenPGP packet tag 40");
  }

  /** Random bytes and mutations of a real keyring never escape as anything but our exceptions. */
  @Property(tries = 300)
  void mutatedKeyringsFailOnlyWithTypedErrors(
      @ForAll @IntRange(min = 0, max = 4000) int position,
      @ForAll byte value,
      @ForAll @IntRange(min = 1, max = 4000) int cut)
      throws Exception {
    byte[] ring = realKeyring();
    byte[] mutated = java.util.Arrays.copyOf(ring, Math.min(ring.length, cut + 1));
    mutated[position % mutated.length] = value;
    try {
      KeyRing keys = KeyRing.parse(mutated, "mutated.gpg");
      assertThat(keys.keys()).isNotNull();
    } catch (CloudImageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /**
   * Mutated and truncated armored and binary detached signatures, and clear-signed messages, run
   * through the library's own armor, packet and clear-text parsing: the only outcomes are a
   * verification result or a typed exception, never another exception or an OutOfMemoryError.
   */
  @Property(tries = 300)
  void mutatedSignaturesAndClearSignedMessagesFailOnlyWithTypedErrors(
      @ForAll @IntRange(min = 0, max = 3) int which,
      @ForAll @IntRange(min = 0, max = 4000) int position,
      @ForAll byte value,
      @ForAll @IntRange(min = 1, max = 4000) int cut)
      throws Exception {
    Material m = material();
    byte[] original =
        which == 0 ? m.armoredSignature : which == 1 ? m.binarySignature : m.clearSigned;
    byte[] mutated = java.util.Arrays.copyOf(original, Math.min(original.length, cut + 1));
    mutated[position % mutated.length] = value;
    Path file = Files.createTempFile("mutated", which >= 2 ? ".txt" : ".sig");
    try {
      Files.write(file, mutated);
      Verifier verifier = Verifier.builder().keyRing(m.keyring).build();
      VerificationResult result =
          which >= 2 ? verifier.verify(file) : verifier.verifyDetached(m.data, file);
      assertThat(result.reason() == null || !result.reason().isBlank()).isTrue();
    } catch (CloudImageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private record Material(
      Path keyring,
      Path data,
      byte[] armoredSignature,
      byte[] binarySignature,
      byte[] clearSigned) {}

  private static Material material;

  private static synchronized Material material() throws Exception {
    if (material == null) {
      Gpg gpg = Gpg.shared("fuzz-sig");
      gpg.key("Fuzz Signer <fuzz-sig@example.org>", "ed25519");
      Path dir = Files.createTempDirectory("fuzz-sig");
      dir.toFile().deleteOnExit();
      Path keyring = gpg.export("fuzz-sig@example.org", dir.resolve("keyring.gpg"), false);
      Path data =
          Files.writeString(dir.resolve("SHA256SUMS"), "0123abcd  image.raw\n- dashed line\n");
      gpg.run(
          "--local-user",
          "fuzz-sig@example.org",
          "--armor",
          "--output",
          dir.resolve("a.asc").toString(),
          "--detach-sign",
          data.toString());
      gpg.run(
          "--local-user",
          "fuzz-sig@example.org",
          "--output",
          dir.resolve("b.sig").toString(),
          "--detach-sign",
          data.toString());
      gpg.run(
          "--local-user",
          "fuzz-sig@example.org",
          "--output",
          dir.resolve("InRelease").toString(),
          "--clearsign",
          data.toString());
      material =
          new Material(
              keyring,
              data,
              Files.readAllBytes(dir.resolve("a.asc")),
              Files.readAllBytes(dir.resolve("b.sig")),
              Files.readAllBytes(dir.resolve("InRelease")));
    }
    return material;
  }

  private static byte[] cached;

  private static synchronized byte[] realKeyring() throws Exception {
    if (cached == null) {
      Gpg gpg = Gpg.shared("fuzz");
      gpg.key("Fuzz <fuzz@example.org>", "ed25519");
      Path out = Files.createTempFile("fuzz", ".gpg");
      out.toFile().deleteOnExit();
      gpg.export("fuzz@example.org", out, false);
      cached = Files.readAllBytes(out);
    }
    return cached;
  }
}
