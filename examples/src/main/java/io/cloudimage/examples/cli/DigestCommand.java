package io.cloudimage.examples.cli;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.digest.DigestAlgorithm;
import io.cloudimage.security.digest.DigestResult;
import io.cloudimage.security.digest.MultiDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage digest}: several digests in one pass over a file. */
@Command(
    name = "digest",
    mixinStandardHelpOptions = true,
    description = "One pass over a file, several digests (default sha256).")
final class DigestCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "FILE")
  Path file = Path.of("");

  @Option(
      names = {"-a", "--algorithm"},
      paramLabel = "A",
      description = "sha256, sha512, sha384, sha224, sha1, md5 or blake2b; repeatable.")
  List<String> algorithms = new ArrayList<>();

  @Override
  public Integer call() {
    List<DigestAlgorithm> chosen = new ArrayList<>();
    for (String a : algorithms.isEmpty() ? List.of("sha256") : algorithms) {
      chosen.add(DigestAlgorithm.parse(a));
    }
    DigestResult result =
        MultiDigest.builder()
            .algorithms(chosen.toArray(DigestAlgorithm[]::new))
            .build()
            .digest(file, root.progress(), Cancellation.never());
    if (root.json) {
      Output.json(VerifyCommand.json(result.toJson()));
    } else {
      for (DigestAlgorithm a : chosen) {
        System.out.println(
            a.name().toLowerCase(java.util.Locale.ROOT) + "  " + result.hex(a) + "  " + file);
      }
    }
    return ExitCodes.OK;
  }
}
