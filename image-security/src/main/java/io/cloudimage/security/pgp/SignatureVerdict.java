package io.cloudimage.security.pgp;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one signature.
 *
 * @param keyId the issuer key id as 16 upper-case hex digits
 * @param keyFingerprint the fingerprint (40 hex digits for v4 keys) of the key that made the
 *     signature, primary key or subkey; {@code null} when the key is not in the keyrings
 * @param primaryKeyFingerprint the fingerprint of the primary key that owns it; {@code null} when
 *     unknown
 * @param created when the signature says it was made
 * @param hashAlgorithm the hash the signature uses, such as {@code SHA512}
 * @param keyAlgorithm the public-key algorithm, such as {@code RSA} or {@code EdDSA}
 * @param valid whether this signature is cryptographically correct and acceptable under the policy
 * @param reason why it is invalid, or {@code "good signature"}
 */
public record SignatureVerdict(
    String keyId,
    @Nullable String keyFingerprint,
    @Nullable String primaryKeyFingerprint,
    Instant created,
    String hashAlgorithm,
    String keyAlgorithm,
    boolean valid,
    String reason) {
  /**
   * Who made the signature, for messages: the key's fingerprint, or {@code unknown key KEYID} when
   * the key is not in the keyrings.
   */
  public String signer() {
    String fpr = keyFingerprint;
    return fpr != null ? fpr : "unknown key " + keyId;
  }
}
