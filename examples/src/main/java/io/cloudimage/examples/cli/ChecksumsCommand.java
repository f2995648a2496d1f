package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.checksum.FileCheck;
import io.cloudimage.security.checksum.ManifestReport;
import io.cloudimage.security.checksum.ManifestVerifier;
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

/** {@code cloudimage checksums verify}: every file a SHA256SUMS-style manifest lists. */
@Command(
    name = "checksums",
    mixinStandardHelpOptions = true,
    description = "Checksum manifests.",
    subcommands = {ChecksumsCommand.Verify.class})
final class ChecksumsCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check every file a SHA256SUMS-style manifest (GNU or BSD format) lists.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand ChecksumsCommand checksums = new ChecksumsCommand();

    @Parameters(paramLabel = "SUMS")
    Path sums = Path.of("");

    @Option(
        names = "--base",
        paramLabel = "DIR",
        description = "The folder the names are relative to (default: the manifest's folder).")
    @Nullable Path base;

    @Option(
        names = "--only",
        paramLabel = "NAME",
        description = "Check only these listed names; repeatable.")
    List<String> only = new ArrayList<>();

    @Option(
        names = "--keyring",
        paramLabel = "KEYRING",
        description = "Also require a valid signature by these keys; repeatable.")
    List<Path> keyrings = new ArrayList<>();

    @Option(
        names = "--signature",
        paramLabel = "SIG",
        description =
            "The manifest's detached signature (without it, with --keyring: clear-signed).")
    @Nullable Path signature;

    @Override
    public Integer call() {
      Path dir = base;
      if (dir == null) {
        Path parent = sums.toAbsolutePath().getParent();
        dir = parent == null ? Path.of(".") : parent;
      }
      ManifestVerifier.Builder builder = ManifestVerifier.builder().base(dir);
      if (!only.isEmpty()) {
        builder.only(only.toArray(String[]::new));
      }
      if (!keyrings.isEmpty()) {
        Verifier.Builder v = Verifier.builder();
        keyrings.forEach(v::keyRing);
        builder.signature(v.build(), signature);
      }
      ManifestReport report =
          builder.build().verify(sums, checksums.root.progress(), Cancellation.never());
      if (checksums.root.json) {
        ObjectNode json = Output.object();
        json.put("ok", report.ok());
        VerificationResult sig = report.signature();
        if (sig == null) {
          json.putNull("signature");
        } else {
          json.set("signature", VerifyCommand.json(sig.toJson()));
        }
        ArrayNode files = json.putArray("files");
        for (FileCheck f : report.files()) {
          files
              .addObject()
              .put("name", f.name())
              .put("status", f.status().name())
              .put("detail", f.detail());
        }
        Output.json(json);
      } else {
        for (FileCheck f : report.files()) {
          System.out.println(
              shown(f.name())
                  + ": "
                  + f.status()
                  + (f.status() == FileCheck.Status.OK ? "" : " (" + f.detail() + ")"));
        }
        VerificationResult sig = report.signature();
        if (sig != null) {
          System.out.println("signature: " + (sig.valid() ? "valid" : "INVALID: " + sig.reason()));
        }
      }
      return report.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
  }

  /**
   * A listed name as {@code sha256sum -c} shows it: a name holding a backslash, line feed or
   * carriage return is escaped and marked with a leading backslash, so that no name can forge a
   * line of the report; other control characters (a terminal escape) are shown as {@code \xHH}.
   */
  static String shown(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    boolean escaped = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
          } else {
            out.append(c);
            continue;
          }
        }
      }
      escaped = true;
    }
    return escaped ? "\\" + out : name;
  }
}
