package io.cloudimage.security.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a key could sign data at a given moment, the way gpg does: the primary key has a
 * valid self-signature and was neither expired nor revoked then; a signing subkey additionally has
 * a valid binding signature with the sign flag, a valid back-signature, and was neither expired nor
 * revoked then. Self-signatures are verified cryptographically; MD5 self-signatures are refused.
 */
final class KeyValidity {
  private static final BcPGPContentVerifierBuilderProvider BC =
      new BcPGPContentVerifierBuilderProvider();

  private KeyValidity() {}

  /** Why {@code key} of {@code ring} could not sign at {@code when}, or empty when it could. */
  static Optional<String> refusal(PGPPublicKeyRing ring, PGPPublicKey key, Instant when) {
    PGPPublicKey primary = ring.getPublicKey();
    String primaryName = KeyRing.fingerprint(primary);
    PGPSignature self = latestSelfSignature(primary);
    if (self == null) {
      return Optional.of("primary key " + primaryName + " has no valid self-signature");
    }
    Optional<String> revoked =
        revocation(primary, primary, PGPSignature.KEY_REVOCATION, when, "key " + primaryName);
    if (revoked.isPresent()) {
      return revoked;
    }
    Optional<String> expired = expiry(primary, self, when, "key " + primaryName);
    if (expired.isPresent()) {
      return expired;
    }
    if (key.getKeyID() == primary.getKeyID()) {
      int flags = flags(self);
      if (flags != 0 && (flags & KeyFlags.SIGN_DATA) == 0) {
        return Optional.of("primary key " + primaryName + " is not certified for signing data");
      }
      return Optional.empty();
    }
    String subName = KeyRing.fingerprint(key);
    PGPSignature binding = latestBinding(primary, key);
    if (binding == null) {
      return Optional.of(
          "subkey " + subName + " has no valid binding signature from primary key " + primaryName);
    }
    int flags = flags(binding);
    if (flags != 0 && (flags & KeyFlags.SIGN_DATA) == 0) {
      return Optional.of("subkey " + subName + " is not certified for signing data");
    }
    if (!hasValidBackSignature(binding, primary, key)) {
      return Optional.of(
          "signing subkey " + subName + " has no valid primary-key binding (back-signature)");
    }
    revoked = revocation(key, primary, PGPSignature.SUBKEY_REVOCATION, when, "subkey " + subName);
    if (revoked.isPresent()) {
      return revoked;
    }
    return expiry(key, binding, when, "subkey " + subName);
  }

  private static @Nullable PGPSignature latestSelfSignature(PGPPublicKey primary) {
    PGPSignature best = null;
    Iterator<String> ids = primary.getUserIDs();
    while (ids.hasNext()) {
      String id = ids.next();
      Iterator<PGPSignature> sigs = primary.getSignaturesForID(id);
      while (sigs != null && sigs.hasNext()) {
        PGPSignature sig = sigs.next();
        if (sig.getKeyID() == primary.getKeyID()
            && sig.isCertification()
            && acceptable(sig)
            && verifies(() -> init(sig, primary).verifyCertification(id, primary))) {
          best = later(best, sig);
        }
      }
    }
    for (PGPSignature sig : of(primary.getSignaturesOfType(PGPSignature.DIRECT_KEY))) {
      if (sig.getKeyID() == primary.getKeyID()
          && acceptable(sig)
          && verifies(() -> init(sig, primary).verifyCertification(primary))) {
        best = later(best, sig);
      }
    }
    return best;
  }

  private static @Nullable PGPSignature latestBinding(PGPPublicKey primary, PGPPublicKey sub) {
    PGPSignature best = null;
    for (PGPSignature sig : of(sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING))) {
      if (sig.getKeyID() == primary.getKeyID()
          && acceptable(sig)
          && verifies(() -> init(sig, primary).verifyCertification(primary, sub))) {
        best = later(best, sig);
      }
    }
    return best;
  }

  private static boolean hasValidBackSignature(
      PGPSignature binding, PGPPublicKey primary, PGPPublicKey sub) {
    List<PGPSignature> embedded = new ArrayList<>();
    for (PGPSignatureSubpacketVector v :
        new PGPSignatureSubpacketVector[] {
          binding.getHashedSubPackets(), binding.getUnhashedSubPackets()
        }) {
      if (v == null) {
        continue;
      }
      try {
        PGPSignatureList list = v.getEmbeddedSignatures();
        list.forEach(embedded::add);
      } catch (Exception e) {
        // A damaged embedded signature counts as absent.
      }
    }
    for (PGPSignature back : embedded) {
      if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
          && acceptable(back)
          && verifies(() -> init(back, sub).verifyCertification(primary, sub))) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> revocation(
      PGPPublicKey target, PGPPublicKey primary, int type, Instant when, String name) {
    for (PGPSignature sig : of(target.getSignaturesOfType(type))) {
      if (sig.getKeyID() != primary.getKeyID() || !acceptable(sig)) {
        continue;
      }
      boolean ok =
          type == PGPSignature.KEY_REVOCATION
              ? verifies(() -> init(sig, primary).verifyCertification(primary))
              : verifies(() -> init(sig, primary).verifyCertification(primary, target));
      if (!ok) {
        continue;
      }
      Instant revokedAt = sig.getCreationTime().toInstant();
      String why = reason(sig);
      if (isHard(sig)) {
        return Optional.of(
            name
                + " is revoked since "
                + revokedAt
                + " ("
                + why
                + "); none of its signatures are trusted");
      }
      if (!when.isBefore(revokedAt)) {
        return Optional.of(
            name
                + " was revoked on "
                + revokedAt
                + " ("
                + why
                + "), before the signature was made");
      }
    }
    return Optional.empty();
  }

  private static boolean isHard(PGPSignature revocation) {
    PGPSignatureSubpacketVector hashed = revocation.getHashedSubPackets();
    RevocationReason reason = hashed == null ? null : hashed.getRevocationReason();
    if (reason == null) {
      return true;
    }
    byte code = reason.getRevocationReason();
    return code != RevocationReasonTags.KEY_SUPERSEDED
        && code != RevocationReasonTags.KEY_RETIRED
        && code != RevocationReasonTags.USER_NO_LONGER_VALID;
  }

  private static String reason(PGPSignature revocation) {
    PGPSignatureSubpacketVector hashed = revocation.getHashedSubPackets();
    RevocationReason reason = hashed == null ? null : hashed.getRevocationReason();
    if (reason == null) {
      return "no reason given";
    }
    String text = reason.getRevocationDescription();
    return "reason " + reason.getRevocationReason() + (text.isEmpty() ? "" : ": " + text);
  }

  private static Optional<String> expiry(
      PGPPublicKey key, PGPSignature selfSig, Instant when, String name) {
    Instant created = key.getCreationTime().toInstant();
    if (when.isBefore(created)) {
      return Optional.of(
          name + " was created on " + created + ", after the signature's date " + when);
    }
    PGPSignatureSubpacketVector hashed = selfSig.getHashedSubPackets();
    long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
    if (seconds > 0) {
      Instant expires = created.plusSeconds(seconds);
      if (!when.isBefore(expires)) {
        return Optional.of(
            name + " expired on " + expires + ", before the signature was made on " + when);
      }
    }
    return Optional.empty();
  }

  private static int flags(PGPSignature sig) {
    PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
    return hashed == null ? 0 : hashed.getKeyFlags();
  }

  /** MD5 self-signatures prove nothing. */
  private static boolean acceptable(PGPSignature sig) {
    return sig.getHashAlgorithm() != HashAlgorithm.MD5.id();
  }

  private static PGPSignature init(PGPSignature sig, PGPPublicKey key) throws Exception {
    sig.init(BC, key);
    return sig;
  }

  private static PGPSignature later(@Nullable PGPSignature a, PGPSignature b) {
    return a == null || b.getCreationTime().after(a.getCreationTime()) ? b : a;
  }

  private static List<PGPSignature> of(Iterator<? extends PGPSignature> it) {
    List<PGPSignature> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private interface Check {
    boolean run() throws Exception;
  }

  private static boolean verifies(Check check) {
    try {
      return check.run();
    } catch (Exception e) {
      return false;
    }
  }
}
