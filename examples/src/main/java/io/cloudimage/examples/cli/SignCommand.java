package io.cloudimage.examples.cli;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.pgp.HashAlgorithm;
import io.cloudimage.security.pgp.Signer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage sign}: a detached or clear-signed OpenPGP signature. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Make a detached (binary or --armor) or --clear-sign OpenPGP signature.")
final class SignCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "FILE")
  Path file = Path.of("");

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "The signature (or the clear-signed text).")
  Path output = Path.of("");

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

  @Option(
      names = "--hash",
      defaultValue = "SHA256",
      description = "SHA256, SHA384 or SHA512 (default: ${DEFAULT-VALUE}).")
  HashAlgorithm hash = HashAlgorithm.SHA256;

  @Option(names = "--armor", description = "ASCII-armor a detached signature.")
  boolean armor;

  @Option(names = "--clear-sign", description = "Clear-sign a text file (as apt's InRelease).")
  boolean clearSign;

  @ArgGroup(exclusive = true)
  @Nullable Passphrase passphrase;

  @Override
  public Integer call() {
    Signer.Builder b = Signer.builder().secretKeyRing(secretKeyring).hash(hash);
    if (armor) {
      b.armor();
    }
    String k = key;
    if (k != null) {
      b.fingerprint(k);
    }
    char[] secret = Passphrase.of(passphrase);
    if (secret != null) {
      b.passphrase(secret);
    }
    Signer signer = b.build();
    if (clearSign) {
      signer.signClearText(file, output, root.progress(), Cancellation.never());
    } else {
      signer.signDetached(file, output, root.progress(), Cancellation.never());
    }
    if (root.json) {
      Output.json(
          Output.object()
              .put("file", file.toString())
              .put("signature", output.toString())
              .put("keyFingerprint", signer.keyFingerprint())
              .put("hashAlgorithm", signer.hash().name()));
    } else {
      System.out.println(
          "signed "
              + file
              + " with "
              + signer.keyFingerprint()
              + " ("
              + signer.hash()
              + "): "
              + output);
    }
    return ExitCodes.OK;
  }
}
