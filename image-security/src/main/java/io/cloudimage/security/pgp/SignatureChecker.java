package io.cloudimage.security.pgp;

import io.cloudimage.security.digest.internal.Hasher;
import io.cloudimage.security.pgp.internal.SignaturePrimitives;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/** Judges one data signature against the keyrings and the policy, given the hashed data. */
final class SignatureChecker {
  private static final Set<Integer> WEAKABLE_KEY_ALGORITHMS = Set.of(1, 2, 3, 16, 17, 20);

  private final KeyRing keys;
  private final HashPolicy policy;
  private final int minimumKeyBits;
  private final Duration clockSkew;
  private final Instant now;

  SignatureChecker(
      KeyRing keys, HashPolicy policy, int minimumKeyBits, Duration clockSkew, Instant now) {
    this.keys = keys;
    this.policy = policy;
    this.minimumKeyBits = minimumKeyBits;
    this.clockSkew = clockSkew;
    this.now = now;
  }

  /** A signature's hash algorithm and whether it hashes canonical text. */
  record HashKey(HashAlgorithm algorithm, boolean text) {}

  /** The hash a signature needs, or empty when its algorithm is unknown. */
  static Optional<HashKey> hashKey(PGPSignature sig) {
    return HashAlgorithm.byId(sig.getHashAlgorithm())
        .map(a -> new HashKey(a, sig.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT));
  }

  /**
   * Judges {@code sig}.
   *
   * @param data the hash state after the signed data, or {@code null} when the data could not be
   *     hashed for it; it is copied, not consumed
   * @param extraRefusal a refusal found by the caller (such as a {@code Hash:} header mismatch)
   */
  SignatureVerdict check(PGPSignature sig, @Nullable Hasher data, @Nullable String extraRefusal) {
    String keyId = String.format(Locale.ROOT, "%016X", sig.getKeyID());
    Instant created = sig.getCreationTime().toInstant();
    Optional<HashAlgorithm> hash = HashAlgorithm.byId(sig.getHashAlgorithm());
    String hashName = hash.map(HashAlgorithm::armorName).orElse("hash " + sig.getHashAlgorithm());
    String keyAlg = Packets.keyAlgorithm(sig.getKeyAlgorithm());
    byte[] issuerFpr = issuerFingerprint(sig);
    if (issuerFpr != null) {
      keyId = fingerprintKeyId(issuerFpr, keyId);
    }
    KeyRing.Match match = keys.find(issuerFpr, sig.getKeyID());
    if (match == null && issuerFpr != null) {
      match = keys.find(null, sig.getKeyID());
    }
    if (match == null) {
      String who =
          issuerFpr != null
              ? Hex.toHexString(issuerFpr).toUpperCase(Locale.ROOT)
              : "with id " + keyId;
      return new SignatureVerdict(
          keyId,
          null,
          null,
          created,
          hashName,
          keyAlg,
          false,
          "made by key "
              + who
              + ", which is not in the given keyrings; add the signer's public key to trust it");
    }
    PGPPublicKey key = match.key();
    String fpr = KeyRing.fingerprint(key);
    String primaryFpr = KeyRing.fingerprint(match.ring().getPublicKey());
    java.util.function.Function<String, SignatureVerdict> invalid =
        why ->
            new SignatureVerdict(
                keyId(key), fpr, primaryFpr, created, hashName, keyAlg, false, why);
    if (sig.getVersion() != 3 && sig.getVersion() != 4) {
      return invalid.apply("version " + sig.getVersion() + " signatures are not supported");
    }
    if (hash.isEmpty()) {
      return invalid.apply("unknown hash algorithm " + sig.getHashAlgorithm());
    }
    if (extraRefusal != null) {
      return invalid.apply(extraRefusal);
    }
    if (data == null) {
      return invalid.apply("the signed data was not hashed with " + hashName);
    }
    boolean good;
    try {
      Hasher h = data.copy();
      h.update(sig.getSignatureTrailer());
      byte[] digest = h.digest();
      byte[] prefix = sig.getDigestPrefix();
      good =
          (prefix == null
                  || prefix.length < 2
                  || (prefix[0] == digest[0] && prefix[1] == digest[1]))
              && SignaturePrimitives.verify(sig, key, sig.getHashAlgorithm(), digest);
    } catch (Exception e) {
      return invalid.apply("signature cannot be checked: " + e.getMessage());
    }
    if (!good) {
      return invalid.apply(
          "BAD signature from "
              + fpr
              + ": the data or the signature was altered, or the wrong file was given");
    }
    if (created.isAfter(now.plus(clockSkew))) {
      return invalid.apply(
          "signature is dated "
              + created
              + ", in the future (now "
              + now
              + "); check the clocks or allow more clockSkew");
    }
    PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
    long expiresAfter = hashed == null ? 0 : hashed.getSignatureExpirationTime();
    if (expiresAfter > 0 && !now.isBefore(created.plusSeconds(expiresAfter))) {
      return invalid.apply("signature expired on " + created.plusSeconds(expiresAfter));
    }
    Optional<String> weakHash = policy.refusal(hash.get(), created);
    if (weakHash.isPresent()) {
      return invalid.apply(weakHash.get());
    }
    if (WEAKABLE_KEY_ALGORITHMS.contains(key.getAlgorithm())
        && key.getBitStrength() < minimumKeyBits) {
      return invalid.apply(
          keyAlg
              + " key "
              + fpr
              + " has "
              + key.getBitStrength()
              + " bits, fewer than the required "
              + minimumKeyBits
              + " (lower Verifier.Builder.minimumKeyBits to accept it)");
    }
    Optional<String> keyRefusal = KeyValidity.refusal(match.ring(), key, created);
    if (keyRefusal.isPresent()) {
      return invalid.apply(keyRefusal.get());
    }
    return new SignatureVerdict(
        keyId(key), fpr, primaryFpr, created, hashName, keyAlg, true, "good signature");
  }

  private static String keyId(PGPPublicKey key) {
    return String.format(Locale.ROOT, "%016X", key.getKeyID());
  }

  private static String fingerprintKeyId(byte[] fpr, String fallback) {
    if (fpr.length == 20) {
      return Hex.toHexString(fpr, 12, 8).toUpperCase(Locale.ROOT);
    }
    return fallback;
  }

  private static byte @Nullable [] issuerFingerprint(PGPSignature sig) {
    for (PGPSignatureSubpacketVector v :
        new PGPSignatureSubpacketVector[] {
          sig.getHashedSubPackets(), sig.getUnhashedSubPackets()
        }) {
      if (v == null) {
        continue;
      }
      IssuerFingerprint f = v.getIssuerFingerprint();
      if (f != null) {
        return f.getFingerprint();
      }
    }
    return null;
  }
}
