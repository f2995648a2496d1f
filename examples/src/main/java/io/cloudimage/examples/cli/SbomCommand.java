package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.sbom.OsCompliance;
import io.cloudimage.security.sbom.Sbom;
import io.cloudimage.security.sbom.SbomDiff;
import io.cloudimage.security.sbom.SbomGenerator;
import io.cloudimage.security.sbom.policy.PolicyReport;
import io.cloudimage.security.sbom.policy.SbomPolicy;
import io.cloudimage.security.sbom.policy.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage sbom generate|diff|check}: software bills of materials of root filesystems. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = "Software bills of materials of root filesystem folders.",
    subcommands = {SbomCommand.Generate.class, SbomCommand.Diff.class, SbomCommand.Check.class})
final class SbomCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  /** An SBOM file, or a root folder to make one from. */
  static Sbom load(Path path) {
    if (Files.isDirectory(path)) {
      Sbom sbom = SbomGenerator.generate(path);
      sbom.warnings().forEach(w -> System.err.println("warning: " + w));
      return sbom;
    }
    if (!Files.exists(path)) {
      throw new InvalidInputException(
          path + " does not exist; give an SBOM file or a root filesystem folder");
    }
    return Sbom.read(path);
  }

  /** Writes {@code text} to {@code file} whole or not at all: no partial file under its name. */
  static void writeAtomically(Path file, String text) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent() == null ? Path.of(".") : abs.getParent();
    try {
      Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "The SBOM of a root filesystem folder (dpkg, rpm and apk databases).")
  static final class Generate implements Callable<Integer> {
    @ParentCommand SbomCommand sbom = new SbomCommand();

    @Parameters(paramLabel = "ROOTFS", description = "The mounted or extracted root filesystem.")
    Path rootfs = Path.of("");

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "cyclonedx (1.6 JSON, the default) or spdx (2.3 JSON).")
    String format = "cyclonedx";

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the SBOM here instead of stdout.")
    @Nullable Path output;

    @Override
    public Integer call() {
      if (!format.equals("cyclonedx") && !format.equals("spdx")) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--format must be cyclonedx or spdx, was " + format);
      }
      Sbom s = SbomGenerator.generate(rootfs);
      s.warnings().forEach(w -> System.err.println("warning: " + w));
      String text = format.equals("spdx") ? s.toSpdxJson() : s.toCycloneDxJson();
      Path out = output;
      if (out == null) {
        System.out.print(text);
        System.out.flush();
      } else {
        writeAtomically(out, text);
        System.err.println(s.components().size() + " components written to " + out);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description =
          "Components added, removed and changed between two SBOMs (files or root folders).")
  static final class Diff implements Callable<Integer> {
    @ParentCommand SbomCommand sbom = new SbomCommand();

    @Parameters(index = "0", paramLabel = "OLD")
    Path older = Path.of("");

    @Parameters(index = "1", paramLabel = "NEW")
    Path newer = Path.of("");

    @Override
    public Integer call() {
      SbomDiff diff = SbomDiff.between(load(older), load(newer));
      if (sbom.root.json) {
        Output.json(diff.toJson());
      } else {
        diff.added().forEach(e -> System.out.println("+ " + e.name() + " " + e.version()));
        diff.removed().forEach(e -> System.out.println("- " + e.name() + " " + e.version()));
        diff.changed()
            .forEach(
                c ->
                    System.out.println(
                        (c.upgrade() ? "^ " : "v ") + c.name() + " " + c.from() + " -> " + c.to()));
        if (diff.isEmpty()) {
          System.out.println("no differences");
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check an SBOM (file or root folder) against a policy file and, with --require-lsb, the"
              + " LSB/os-release fields; exits 1 listing every violation.")
  static final class Check implements Callable<Integer> {
    @ParentCommand SbomCommand sbom = new SbomCommand();

    @Parameters(paramLabel = "SBOM|ROOTFS")
    Path subject = Path.of("");

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description =
            "JSON: {\"deny\":[..],\"minimumVersions\":{..},\"licenses\":{\"allow\":[..],"
                + "\"deny\":[..]},\"maxAge\":\"P365D\"}")
    @Nullable Path policy;

    @Option(
        names = "--require-lsb",
        description = "Fail when os-release or lsb-release lacks a required field.")
    boolean requireLsb;

    @Override
    public Integer call() {
      Path policyFile = policy;
      if (policyFile == null && !requireLsb) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "give --policy FILE, --require-lsb, or both");
      }
      Sbom s = load(subject);
      PolicyReport report =
          policyFile == null
              ? new PolicyReport(java.util.List.of())
              : SbomPolicy.read(policyFile, Clock.systemUTC()).check(s);
      OsCompliance os = OsCompliance.of(s.os());
      boolean passed = report.passed() && (!requireLsb || os.compliant());
      if (sbom.root.json) {
        ObjectNode json = Output.object();
        json.put("passed", passed);
        ArrayNode violations = json.putArray("violations");
        for (Violation v : report.violations()) {
          violations
              .addObject()
              .put("rule", v.rule())
              .put("component", v.component())
              .put("reason", v.reason());
        }
        ObjectNode lsb = json.putObject("os");
        lsb.put("distributorId", os.distributorId());
        lsb.put("description", os.description());
        lsb.put("release", os.release());
        lsb.put("codename", os.codename());
        os.missing().forEach(lsb.putArray("missing")::add);
        Output.json(json);
      } else {
        System.out.println("Distributor ID: " + nz(os.distributorId()));
        System.out.println("Description:    " + nz(os.description()));
        System.out.println("Release:        " + nz(os.release()));
        System.out.println("Codename:       " + nz(os.codename()));
        os.missing().forEach(m -> System.out.println("missing: " + m));
        report.violations().forEach(v -> System.out.println(v.rule() + ": " + v.reason()));
        System.out.println(passed ? "passed" : "FAILED");
      }
      return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String nz(@Nullable String s) {
      return s == null ? "n/a" : s;
    }
  }
}
