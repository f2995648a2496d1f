package io.cloudimage.examples.cli;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.pgp.Decryptor;
import io.cloudimage.security.pgp.Encryptor;
import io.cloudimage.security.pgp.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage encrypt}: OpenPGP encryption of an exported image (AES-256,
 * integrity-protected).
 */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description =
        "Encrypt a file to OpenPGP keys and/or a passphrase (AES-256, integrity-protected).")
final class EncryptCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "IN")
  Path input = Path.of("");

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT")
  Path output = Path.of("");

  @Option(
      names = "--recipient",
      paramLabel = "KEYRING[:FPR]",
      description =
          "Encrypt to the key(s) in KEYRING, or only the one with fingerprint FPR; repeatable.")
  List<String> recipients = new ArrayList<>();

  @Option(names = "--armor", description = "ASCII armor.")
  boolean armor;

  @ArgGroup(exclusive = true)
  @Nullable Passphrase passphrase;

  @Override
  public Integer call() {
    Encryptor.Builder b = Encryptor.builder();
    if (armor) {
      b.armor();
    }
    for (String r : recipients) {
      int colon = r.lastIndexOf(':');
      if (colon > 0 && r.substring(colon + 1).matches("[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}")) {
        b.recipient(Path.of(r.substring(0, colon)), r.substring(colon + 1));
      } else {
        b.recipient(Path.of(r));
      }
    }
    char[] secret = Passphrase.of(passphrase);
    if (secret != null) {
      b.passphrase(secret);
    }
    if (recipients.isEmpty() && secret == null) {
      throw new InvalidInputException(
          "give at least one --recipient or a passphrase (--passphrase-file or --passphrase-env)");
    }
    b.build().encrypt(input, output, root.progress(), Cancellation.never());
    if (!root.json) {
      System.out.println("encrypted " + input + " to " + output);
    } else {
      Output.json(Output.object().put("file", input.toString()).put("output", output.toString()));
    }
    return ExitCodes.OK;
  }

  /** {@code cloudimage decrypt}. */
  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description =
          "Decrypt an OpenPGP message, checking its integrity; no output is left when it fails.")
  static final class Decrypt implements Callable<Integer> {
    @ParentCommand CloudImageCli root = new CloudImageCli();

    @Parameters(paramLabel = "IN")
    Path input = Path.of("");

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "OUT")
    Path output = Path.of("");

    @Option(
        names = "--secret-keyring",
        paramLabel = "KEYRING",
        description = "The secret key(s) the message may be for.")
    @Nullable Path secretKeyring;

    @ArgGroup(exclusive = true)
    @Nullable Passphrase passphrase;

    @Option(
        names = "--keyring",
        paramLabel = "KEYRING",
        description =
            "Verify the signature inside the message with these public keys; repeatable. With it,"
                + " an unsigned or badly signed message fails (exit 1) and leaves no output.")
    List<Path> keyrings = new ArrayList<>();

    @Option(
        names = "--require-fingerprint",
        paramLabel = "FPR",
        description = "With --keyring: only a signature by this key counts; repeatable.")
    List<String> fingerprints = new ArrayList<>();

    @Override
    public Integer call() {
      Decryptor.Builder b = Decryptor.builder();
      if (!keyrings.isEmpty()) {
        Verifier.Builder v = Verifier.builder();
        keyrings.forEach(v::keyRing);
        fingerprints.forEach(v::requireFingerprint);
        b.verifySignatures(v.build());
      } else if (!fingerprints.isEmpty()) {
        throw new InvalidInputException(
            "--require-fingerprint needs --keyring: the keys to check the signature with");
      }
      Path keys = secretKeyring;
      if (keys != null) {
        b.secretKeyRing(keys);
      }
      char[] secret = Passphrase.of(passphrase);
      if (secret != null) {
        b.passphrase(secret);
      }
      Decryptor.Decrypted d =
          b.build().decrypt(input, output, root.progress(), Cancellation.never());
      if (root.json) {
        Output.json(
            Output.object()
                .put("output", output.toString())
                .put("bytes", d.bytes())
                .put("decryptedBy", d.decryptedBy())
                .put("signed", d.signed())
                .put("signatureVerified", d.signatureVerified())
                .put("signatureStatus", d.signatureStatus()));
      } else {
        System.out.println(
            "decrypted " + d.bytes() + " bytes to " + output + " (" + d.decryptedBy() + ")");
        System.out.println(d.signatureStatus());
      }
      return ExitCodes.OK;
    }
  }
}
