package io.cloudimage.examples.cli;

import io.cloudimage.security.pgp.Signer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options that choose an OpenPGP signing key, shared by every command that signs: {@code
 * --secret-keyring}, {@code --key} and the passphrase ({@code --passphrase-file} or {@code
 * --passphrase-env}). Used as a picocli {@code @Mixin}.
 */
final class SigningKey {
  @Option(
      names = "--secret-keyring",
      required = true,
      paramLabel = "KEYRING",
      description = "The secret key (gpg --export-secret-keys).")
  Path secretKeyring = Path.of("");

  @Option(
      names = "--key",
      paramLabel = "FPR",
      description = "Which signing key (default: the first that can sign).")
  @Nullable String key;

  @ArgGroup(exclusive = true)
  @Nullable Passphrase passphrase;

  /** A signer builder with the chosen keyring, key and passphrase; the caller adds the rest. */
  Signer.Builder signer() {
    Signer.Builder b = Signer.builder().secretKeyRing(secretKeyring);
    String k = key;
    if (k != null) {
      b.fingerprint(k);
    }
    char[] secret = Passphrase.of(passphrase);
    if (secret != null) {
      b.passphrase(secret);
    }
    return b;
  }
}
