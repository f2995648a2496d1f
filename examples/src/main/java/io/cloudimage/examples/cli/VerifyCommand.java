package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.pgp.SignatureVerdict;
import io.cloudimage.security.pgp.VerificationResult;
import io.cloudimage.security.pgp.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage verify}: OpenPGP signatures, as strict as gpgv. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify an OpenPGP signature: detached (--signature), clear-signed or inline.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(
      paramLabel = "FILE",
      description = "The signed data, or a clear-signed or inline-signed file.")
  Path file = Path.of("");

  @Option(
      names = "--signature",
      paramLabel = "SIG",
      description = "A detached signature (binary or armored).")
  @Nullable Path signature;

  @Option(
      names = "--keyring",
      required = true,
      paramLabel = "KEYRING",
      description = "Trusted keys (.gpg or .asc); repeatable.")
  List<Path> keyrings = new ArrayList<>();

  @Option(
      names = "--require-fingerprint",
      paramLabel = "FPR",
      description = "Only a signature by this key counts; repeatable.")
  List<String> fingerprints = new ArrayList<>();

  @Option(
      names = "--output",
      paramLabel = "OUT",
      description = "Write the verified content of a clear-signed or inline message here.")
  @Nullable Path output;

  @Override
  public Integer call() {
    Verifier.Builder builder = Verifier.builder();
    keyrings.forEach(builder::keyRing);
    fingerprints.forEach(builder::requireFingerprint);
    Verifier verifier = builder.build();
    Path sig = signature;
    VerificationResult result =
        sig != null
            ? verifier.verifyDetached(file, sig, root.progress(), Cancellation.never())
            : verifier.verify(file, output, root.progress(), Cancellation.never());
    if (root.json) {
      Output.json(json(result.toJson()));
    } else {
      for (SignatureVerdict s : result.signatures()) {
        System.out.println(
            (s.valid() ? "good" : "BAD ")
                + " signature from "
                + s.signer()
                + " ("
                + s.hashAlgorithm()
                + ", "
                + s.created()
                + ")"
                + (s.valid() ? "" : ": " + s.reason()));
      }
      System.out.println(result.valid() ? "valid" : "INVALID: " + result.reason());
    }
    return result.valid() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /** A JSON document the security module wrote, as a tree for {@link Output#json}. */
  static JsonNode json(String document) {
    return Output.tree(document);
  }
}
