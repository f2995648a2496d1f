package io.cloudimage.security.pgp;

import io.cloudimage.security.digest.internal.Hasher;
import java.util.Locale;
import java.util.Optional;

/** The OpenPGP hash algorithms (RFC 9580 section 9.5) a signature may name. */
public enum HashAlgorithm {
  MD5(1, "MD5"),
  SHA1(2, "SHA1"),
  RIPEMD160(3, "RIPEMD160"),
  SHA256(8, "SHA256"),
  SHA384(9, "SHA384"),
  SHA512(10, "SHA512"),
  SHA224(11, "SHA224"),
  SHA3_256(12, "SHA3-256"),
  SHA3_512(14, "SHA3-512");

  private final int id;
  private final String armorName;

  HashAlgorithm(int id, String armorName) {
    this.id = id;
    this.armorName = armorName;
  }

  /** The OpenPGP algorithm number. */
  public int id() {
    return id;
  }

  /** The name used in the {@code Hash:} armor header and in reports, such as {@code SHA256}. */
  public String armorName() {
    return armorName;
  }

  /** The algorithm with OpenPGP number {@code id}, if known. */
  public static Optional<HashAlgorithm> byId(int id) {
    for (HashAlgorithm a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The algorithm named in a {@code Hash:} header, if known (case-insensitive). */
  public static Optional<HashAlgorithm> byArmorName(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (HashAlgorithm a : values()) {
      if (a.armorName.equals(n)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** A fresh running hash; JDK implementations where HotSpot has CPU intrinsics. */
  Hasher newHasher() {
    switch (this) {
      case MD5:
        return Hasher.jdk("MD5");
      case SHA1:
        return Hasher.jdk("SHA-1");
      case RIPEMD160:
        return Hasher.ripemd160();
      case SHA256:
        return Hasher.jdk("SHA-256");
      case SHA384:
        return Hasher.jdk("SHA-384");
      case SHA512:
        return Hasher.jdk("SHA-512");
      case SHA224:
        return Hasher.jdk("SHA-224");
      case SHA3_256:
        return Hasher.sha3(256);
      case SHA3_512:
        return Hasher.sha3(512);
    }
    throw new AssertionError(this);
  }
}
