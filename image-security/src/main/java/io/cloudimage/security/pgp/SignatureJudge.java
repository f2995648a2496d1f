package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.pgp.internal.PacketFramer;
import io.cloudimage.security.pgp.internal.SmallInput;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.jspecify.annotations.Nullable;

/**
 * Judges the signatures a {@link Verifier} found: parses a block of signature packets, checks each
 * signature against the data's hash with a {@link SignatureChecker} (document signatures only), and
 * concludes under the pinning rule: the result holds when at least one valid signature comes from a
 * pinned key, or from any key of the keyrings when none is pinned.
 */
final class SignatureJudge {
  private final KeyRing keys;
  private final Set<String> pinned;
  private final HashPolicy policy;
  private final int minimumKeyBits;
  private final Duration clockSkew;
  private final Clock clock;

  SignatureJudge(
      KeyRing keys,
      Set<String> pinned,
      HashPolicy policy,
      int minimumKeyBits,
      Duration clockSkew,
      Clock clock) {
    this.keys = keys;
    this.pinned = pinned;
    this.policy = policy;
    this.minimumKeyBits = minimumKeyBits;
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  SignatureChecker checker() {
    return new SignatureChecker(keys, policy, minimumKeyBits, clockSkew, clock.instant());
  }

  /** Document signatures only: a key certification over data proves nothing about the data. */
  static @Nullable String typeRefusal(PGPSignature sig) {
    int type = sig.getSignatureType();
    if (type == PGPSignature.BINARY_DOCUMENT || type == PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return null;
    }
    return "signature type 0x"
        + Integer.toHexString(type)
        + " is not a document signature (0x00 or 0x01)";
  }

  static List<PGPSignature> parseSignatures(SmallInput input, String what) {
    for (PacketFramer.Packet p : input.packets()) {
      if (p.tag() != 2 && p.tag() != 10) {
        throw new InvalidInputException(
            what
                + " holds a "
                + Packets.name(p.tag())
                + " packet (tag "
                + p.tag()
                + "); a signature file holds only signature packets");
      }
    }
    List<PGPSignature> out = new ArrayList<>();
    try {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(input.binary());
      Object o;
      while ((o = factory.nextObject()) != null) {
        if (o instanceof PGPSignatureList list) {
          list.forEach(out::add);
        }
      }
    } catch (CloudImageException e) {
      throw e;
    } catch (Exception e) {
      throw new CorruptDataException(
          null, -1, what + ": damaged signature packet: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(what + " holds no signatures");
    }
    return out;
  }

  /**
   * Checks each signature against the data hashed as its type asks (binary or canonical text), and
   * concludes.
   */
  VerificationResult check(List<PGPSignature> signatures, DataHashers hashers) {
    return check(signatures, hashers, SignatureChecker::hashKey, sig -> null);
  }

  /**
   * Checks each signature against the hash {@code hashKey} picks for it, refusing any that is not a
   * document signature or that {@code refusal} names a reason for, and concludes.
   */
  VerificationResult check(
      List<PGPSignature> signatures,
      DataHashers hashers,
      Function<PGPSignature, Optional<SignatureChecker.HashKey>> hashKey,
      Function<PGPSignature, @Nullable String> refusal) {
    SignatureChecker checker = checker();
    List<SignatureVerdict> verdicts = new ArrayList<>();
    for (PGPSignature sig : signatures) {
      String typeRefusal = typeRefusal(sig);
      verdicts.add(
          checker.check(
              sig,
              hashKey.apply(sig).map(hashers::get).orElse(null),
              typeRefusal != null ? typeRefusal : refusal.apply(sig)));
    }
    return conclude(verdicts);
  }

  /** Combines verdicts into a result under the pinning rule. */
  VerificationResult conclude(List<SignatureVerdict> verdicts) {
    if (verdicts.isEmpty()) {
      return new VerificationResult(false, verdicts, "no signatures found");
    }
    List<SignatureVerdict> good =
        verdicts.stream().filter(SignatureVerdict::valid).collect(Collectors.toList());
    List<SignatureVerdict> required = good.stream().filter(this::isRequired).toList();
    if (!required.isEmpty()) {
      SignatureVerdict v = required.get(0);
      return new VerificationResult(
          true,
          verdicts,
          "good signature from "
              + v.keyFingerprint()
              + " made "
              + v.created()
              + " with "
              + v.hashAlgorithm()
              + (verdicts.size() > 1 ? " (" + verdicts.size() + " signatures checked)" : ""));
    }
    if (!good.isEmpty()) {
      return new VerificationResult(
          false,
          verdicts,
          "no valid signature from a required key; valid signatures came from "
              + good.stream()
                  .map(SignatureVerdict::primaryKeyFingerprint)
                  .collect(Collectors.joining(", "))
              + " but the required fingerprints are "
              + String.join(", ", pinned));
    }
    return new VerificationResult(
        false,
        verdicts,
        verdicts.stream()
            .map(v -> "signature by " + v.signer() + ": " + v.reason())
            .collect(Collectors.joining("; ")));
  }

  private boolean isRequired(SignatureVerdict v) {
    return pinned.isEmpty()
        || pinned.contains(v.keyFingerprint())
        || pinned.contains(v.primaryKeyFingerprint());
  }
}
