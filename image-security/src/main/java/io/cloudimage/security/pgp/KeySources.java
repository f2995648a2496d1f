package io.cloudimage.security.pgp;

import io.cloudimage.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a builder's keys come from, gathered and loaded the same way by {@link Signer}, {@link
 * Decryptor}, {@link Encryptor} and {@link Verifier}: public keyring files and loaded keys, a
 * secret keyring, a passphrase (held as a private copy and wiped once the built object has its
 * own), and fingerprints as people type them.
 */
final class KeySources {
  private final List<Path> keyRingFiles = new ArrayList<>();
  private @Nullable KeyRing keyRing;
  private @Nullable Path secretKeyRing;
  private char @Nullable [] passphrase;

  /** Adds a public keyring file, loaded by {@link #publicKeys()}. */
  void addKeyRing(Path file) {
    keyRingFiles.add(file);
  }

  /** Adds public keys already loaded. */
  void addKeyRing(KeyRing keys) {
    keyRing = keyRing == null ? keys : keyRing.plus(keys);
  }

  /** The public keyring files given, in order. */
  List<Path> keyRingFiles() {
    return List.copyOf(keyRingFiles);
  }

  /** Whether any public keys were given, as files or loaded. */
  boolean hasPublicKeys() {
    return !keyRingFiles.isEmpty() || keyRing != null;
  }

  /** Loads the keyring files and joins them to the keys given loaded; null when none were given. */
  @Nullable KeyRing publicKeys() {
    KeyRing keys = keyRing;
    if (!keyRingFiles.isEmpty()) {
      KeyRing loaded = KeyRing.load(keyRingFiles);
      keys = keys == null ? loaded : keys.plus(loaded);
    }
    return keys;
  }

  void secretKeyRing(Path file) {
    secretKeyRing = file;
  }

  boolean hasSecretKeyRing() {
    return secretKeyRing != null;
  }

  /** Loads the secret keyring; null when none was given. */
  @Nullable SecretKeys secretKeys() {
    return secretKeyRing == null ? null : SecretKeys.load(secretKeyRing);
  }

  /** Keeps a copy of {@code passphrase}, so the caller may wipe theirs. */
  void passphrase(char[] passphrase) {
    this.passphrase = passphrase.clone();
  }

  boolean hasPassphrase() {
    return passphrase != null;
  }

  /** A fresh copy of the passphrase for the built object to own, or null when none was given. */
  char @Nullable [] passphraseCopy() {
    return passphrase == null ? null : passphrase.clone();
  }

  /** Overwrites and forgets the copy of the passphrase held here. */
  void wipePassphrase() {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
      passphrase = null;
    }
  }

  /**
   * A fingerprint as people write it (spaces, lower case, a {@code 0x} prefix) as upper-case hex.
   *
   * @param advice appended to the message when {@code hex} is not a fingerprint, or empty
   * @throws InvalidInputException when it is not 40 (v4) or 64 (v6) hex digits
   */
  static String fingerprint(String hex, String advice) {
    String fpr = hex.replace(" ", "").toUpperCase(Locale.ROOT);
    if (fpr.startsWith("0X")) {
      fpr = fpr.substring(2);
    }
    if (!fpr.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
      throw new InvalidInputException(
          "fingerprint '" + hex + "' is not 40 (v4) or 64 (v6) hex digits" + advice);
    }
    return fpr;
  }
}
