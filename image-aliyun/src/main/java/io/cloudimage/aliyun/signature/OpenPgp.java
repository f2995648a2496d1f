package io.cloudimage.aliyun.signature;

import io.cloudimage.security.pgp.Signer;
import io.cloudimage.security.pgp.VerificationResult;
import io.cloudimage.security.pgp.Verifier;
import java.nio.file.Path;

/**
 * The only class here that touches the security module; reached only after {@link
 * SecurityModule#require()} passed.
 */
final class OpenPgp {
  private OpenPgp() {}

  /** Signs {@code data} into a detached binary signature; returns the signing key's fingerprint. */
  static String signDetached(SigningKey key, Path data, Path signature) {
    Signer.Builder b = Signer.builder().secretKeyRing(key.secretKeyRing());
    String fingerprint = key.fingerprint();
    if (fingerprint != null) {
      b.fingerprint(fingerprint);
    }
    char[] passphrase = key.passphrase();
    if (passphrase.length > 0) {
      b.passphrase(passphrase);
      java.util.Arrays.fill(passphrase, '\0');
    }
    Signer signer = b.build();
    signer.signDetached(data, signature);
    return signer.keyFingerprint();
  }

  /**
   * Verifies a detached signature made by the key {@code fingerprint}.
   *
   * @return the fingerprint of the key that made the valid signature
   * @throws io.cloudimage.core.error.CheckFailedException when no valid signature from that key is
   *     there, with the verifier's reason
   */
  static String verifyDetached(Path data, Path signature, Path publicKeyRing, String fingerprint) {
    VerificationResult result =
        Verifier.builder()
            .keyRing(publicKeyRing)
            .requireFingerprint(fingerprint)
            .build()
            .verifyDetachedOrThrow(data, signature);
    return result.signatures().stream()
        .filter(s -> s.valid())
        .map(s -> s.signer())
        .findFirst()
        .orElse(fingerprint);
  }
}
