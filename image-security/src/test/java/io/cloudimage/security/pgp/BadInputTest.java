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
      KeyRing keyring,
      Path data,
      byte[] armoredSignature,
      byte[] binarySignature,
      byte[] clearSigned) {}

  /** Signatures made once by gpg, kept as fixtures so these properties run without it. */
  private static Material material() throws Exception {
    return new Material(
        KeyRing.load(Fixtures.path("rsa.pub.gpg"), Fixtures.path("ed25519.pub.asc")),
        Fixtures.path("SHA256SUMS"),
        Files.readAllBytes(Fixtures.path("SHA256SUMS.ed25519.asc")),
        Files.readAllBytes(Fixtures.path("SHA256SUMS.rsa.sig")),
        Files.readAllBytes(Fixtures.path("InRelease")));
  }

  private static byte[] realKeyring() throws Exception {
    return Files.readAllBytes(Fixtures.path("rsa.pub.gpg"));
  }
}
