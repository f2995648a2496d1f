package io.cloudimage.security.digest;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.digest.internal.Hasher;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The digests the engine computes. {@link #id()} is the lower-case name used in manifests, JSON and
 * on the command line ({@code sha256}, {@code blake2b512}).
 */
public enum DigestAlgorithm {
  SHA256("sha256", 32, true),
  SHA512("sha512", 64, true),
  SHA384("sha384", 48, true),
  SHA224("sha224", 28, true),
  /** For comparison with old manifests only: collisions are practical. */
  SHA1("sha1", 20, false),
  /** For comparison with old manifests only: collisions are trivial. */
  MD5("md5", 16, false),
  BLAKE2B_512("blake2b512", 64, true);

  private final String id;
  private final int length;
  private final boolean collisionResistant;

  DigestAlgorithm(String id, int length, boolean collisionResistant) {
    this.id = id;
    this.length = length;
    this.collisionResistant = collisionResistant;
  }

  /** The lower-case name, such as {@code sha256}. */
  public String id() {
    return id;
  }

  /** The digest length in bytes. */
  public int length() {
    return length;
  }

  /**
   * Whether a match proves more than accidental integrity. MD5 and SHA-1 return false: a match with
   * them says the download was not damaged, not that nobody replaced it.
   */
  public boolean collisionResistant() {
    return collisionResistant;
  }

  /**
   * Parses a name as users write it: {@code sha256}, {@code SHA-256}, {@code SHA256}, {@code
   * blake2b}, {@code b2}.
   *
   * @throws InvalidInputException naming the accepted values when the name is unknown
   */
  public static DigestAlgorithm parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    switch (n) {
      case "blake2b":
      case "blake2":
      case "b2":
      case "blake2b512":
        return BLAKE2B_512;
      default:
        for (DigestAlgorithm a : values()) {
          if (a.id.equals(n)) {
            return a;
          }
        }
        throw new InvalidInputException(
            "unknown digest algorithm '"
                + name
                + "'; use one of "
                + Arrays.stream(values())
                    .map(DigestAlgorithm::id)
                    .collect(Collectors.joining(", ")));
    }
  }

  /** A fresh running hash for this algorithm. */
  Hasher newHasher() {
    switch (this) {
      case SHA256:
        return Hasher.jdk("SHA-256");
      case SHA512:
        return Hasher.jdk("SHA-512");
      case SHA384:
        return Hasher.jdk("SHA-384");
      case SHA224:
        return Hasher.jdk("SHA-224");
      case SHA1:
        return Hasher.jdk("SHA-1");
      case MD5:
        return Hasher.jdk("MD5");
      case BLAKE2B_512:
        return Hasher.blake2b512();
    }
    throw new AssertionError(this);
  }
}
