package io.cloudimage.security.pgp;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which hash algorithms a data signature may use, possibly only when made before a cut-off date.
 *
 * <p>{@link #strict()} (the default) accepts the SHA-2 and SHA-3 families and refuses MD5, SHA-1
 * and RIPEMD-160. {@link #withHistoricCutoffs()} additionally accepts SHA-1 and RIPEMD-160
 * signatures made before 2013-02-01 and MD5 signatures made before 1997-02-01, which is what you
 * need to check old archives and nothing newer. Self-signatures on keys are judged separately: they
 * may use SHA-1 (most long-lived archive keys were certified with it) but never MD5.
 *
 * <pre>{@code
 * HashPolicy policy = HashPolicy.strict().toBuilder()
 *     .acceptBefore(HashAlgorithm.SHA1, Instant.parse("2020-01-01T00:00:00Z"))
 *     .build();
 * }</pre>
 */
public final class HashPolicy {
  /** SHA-1 collisions became affordable; data signatures after this date are refused. */
  public static final Instant SHA1_CUTOFF = Instant.parse("2013-02-01T00:00:00Z");

  /** MD5 was broken long before; data signatures after this date are refused. */
  public static final Instant MD5_CUTOFF = Instant.parse("1997-02-01T00:00:00Z");

  private static final HashPolicy STRICT =
      builder()
          .accept(HashAlgorithm.SHA224)
          .accept(HashAlgorithm.SHA256)
          .accept(HashAlgorithm.SHA384)
          .accept(HashAlgorithm.SHA512)
          .accept(HashAlgorithm.SHA3_256)
          .accept(HashAlgorithm.SHA3_512)
          .build();

  private static final HashPolicy HISTORIC =
      STRICT.toBuilder()
          .acceptBefore(HashAlgorithm.SHA1, SHA1_CUTOFF)
          .acceptBefore(HashAlgorithm.RIPEMD160, SHA1_CUTOFF)
          .acceptBefore(HashAlgorithm.MD5, MD5_CUTOFF)
          .build();

  private final Map<HashAlgorithm, Instant> acceptedBefore;

  private HashPolicy(Map<HashAlgorithm, Instant> acceptedBefore) {
    this.acceptedBefore = Map.copyOf(acceptedBefore);
  }

  /** SHA-2 and SHA-3 only: the default. */
  public static HashPolicy strict() {
    return STRICT;
  }

  /** Strict, plus SHA-1/RIPEMD-160 before 2013-02-01 and MD5 before 1997-02-01. */
  public static HashPolicy withHistoricCutoffs() {
    return HISTORIC;
  }

  public static Builder builder() {
    return new Builder(new EnumMap<>(HashAlgorithm.class));
  }

  public Builder toBuilder() {
    return new Builder(new EnumMap<>(acceptedBefore.isEmpty() ? Map.of() : acceptedBefore));
  }

  /**
   * Why a data signature with this hash, made at {@code created}, is refused, or empty when it is
   * accepted.
   */
  public Optional<String> refusal(HashAlgorithm algorithm, Instant created) {
    Instant cutoff = acceptedBefore.get(algorithm);
    if (cutoff == null) {
      return Optional.of(
          algorithm.armorName()
              + " is not accepted for data signatures; it is too weak to prove who made the"
              + " signature (allow it with Verifier.Builder.hashPolicy if you must)");
    }
    if (!created.isBefore(cutoff)) {
      return Optional.of(
          algorithm.armorName()
              + " signatures are accepted only when made before "
              + cutoff
              + "; this one is dated "
              + created);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "HashPolicy" + acceptedBefore;
  }

  /** Builds a {@link HashPolicy}. */
  public static final class Builder {
    private final Map<HashAlgorithm, Instant> acceptedBefore;

    private Builder(Map<HashAlgorithm, Instant> acceptedBefore) {
      this.acceptedBefore = acceptedBefore;
    }

    /** Accepts the algorithm at any date. */
    public Builder accept(HashAlgorithm algorithm) {
      acceptedBefore.put(algorithm, Instant.MAX);
      return this;
    }

    /** Accepts the algorithm for signatures made strictly before {@code cutoff}. */
    public Builder acceptBefore(HashAlgorithm algorithm, Instant cutoff) {
      acceptedBefore.put(algorithm, cutoff);
      return this;
    }

    /** Refuses the algorithm. */
    public Builder refuse(HashAlgorithm algorithm) {
      acceptedBefore.remove(algorithm);
      return this;
    }

    public HashPolicy build() {
      return new HashPolicy(acceptedBefore);
    }
  }
}
