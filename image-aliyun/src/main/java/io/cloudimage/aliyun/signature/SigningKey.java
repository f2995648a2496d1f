package io.cloudimage.aliyun.signature;

import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The OpenPGP secret key that signs export manifests.
 *
 * @param secretKeyRing the file {@code gpg --export-secret-keys} wrote (binary or armored)
 * @param fingerprint the signing key's fingerprint, or {@code null} for the first signing key
 * @param passphrase the key's passphrase; empty when it has none
 */
public record SigningKey(Path secretKeyRing, @Nullable String fingerprint, char[] passphrase) {
  public SigningKey {
    passphrase = passphrase.clone();
  }

  /** A key without a passphrase. */
  public static SigningKey of(Path secretKeyRing, @Nullable String fingerprint) {
    return new SigningKey(secretKeyRing, fingerprint, new char[0]);
  }

  /** The passphrase, copied. */
  @Override
  public char[] passphrase() {
    return passphrase.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SigningKey k
        && k.secretKeyRing.equals(secretKeyRing)
        && java.util.Objects.equals(k.fingerprint, fingerprint)
        && Arrays.equals(k.passphrase, passphrase);
  }

  @Override
  public int hashCode() {
    return secretKeyRing.hashCode();
  }

  /** Never shows the passphrase. */
  @Override
  public String toString() {
    return "SigningKey[" + secretKeyRing + ", " + fingerprint + "]";
  }
}
