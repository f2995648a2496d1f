package io.cloudimage.examples.cli;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.pgp.HashAlgorithm;
import io.cloudimage.security.pgp.Signer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin SigningKey signingKey = new SigningKey();

  @Option(
      names = "--hash",
      defaultValue = "SHA256",
      description = "SHA256, SHA384 or SHA512 (default: ${DEFAULT-VALUE}).")
  HashAlgorithm hash = HashAlgorithm.SHA256;

  @Option(names = "--armor", description = "ASCII-armor a detached signature.")
  boolean armor;

  @Option(names = "--clear-sign", description = "Clear-sign a text file (as apt's InRelease).")
  boolean clearSign;

  @Override
  public Integer call() {
    Signer.Builder b = signingKey.signer().hash(hash);
    if (armor) {
      b.armor();
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
