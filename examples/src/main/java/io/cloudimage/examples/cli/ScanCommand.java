package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.security.scan.Finding;
import io.cloudimage.security.scan.HygieneScanner;
import io.cloudimage.security.scan.ScanReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage scan ROOTFS}: what must not ship in a published image. Changes nothing. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "Hygiene findings in a root filesystem before publishing (host keys, histories,"
            + " credentials, machine id, setuid...); exits 1 when there are findings. Changes"
            + " nothing.")
final class ScanCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "ROOTFS", description = "The mounted or extracted root filesystem.")
  Path rootfs = Path.of("");

  @Option(
      names = "--fix-plan",
      paramLabel = "FILE",
      description = "Write what to remove or empty to FILE, for review; nothing is changed.")
  @Nullable Path fixPlan;

  @Option(
      names = "--allow-setuid",
      paramLabel = "PATH",
      description = "Also allow setuid/setgid on this path inside the image; repeatable.")
  List<String> allowSetuid = new ArrayList<>();

  @Override
  public Integer call() {
    ScanReport report =
        HygieneScanner.builder()
            .allowSetuid(allowSetuid.toArray(String[]::new))
            .build()
            .scan(rootfs);
    report.warnings().forEach(w -> System.err.println("warning: " + w));
    Path plan = fixPlan;
    if (plan != null) {
      SbomCommand.writeAtomically(plan, report.fixPlan());
    }
    if (root.json) {
      ObjectNode json = Output.object();
      json.put("root", report.root());
      json.put("clean", report.clean());
      ArrayNode findings = json.putArray("findings");
      for (Finding f : report.findings()) {
        findings
            .addObject()
            .put("check", f.check())
            .put("severity", f.severity().name())
            .put("path", f.path())
            .put("detail", f.detail())
            .put("fix", f.fix())
            .put("action", f.action().name());
      }
      Output.json(json);
    } else {
      for (Finding f : report.findings()) {
        System.out.println(f.severity() + " " + f.check() + " " + f.path());
        System.out.println("    " + f.detail());
        System.out.println("    fix: " + f.fix());
      }
      System.out.println(
          report.clean() ? "clean" : report.findings().size() + " findings; nothing was changed");
      if (plan != null) {
        System.out.println("fix plan written to " + plan);
      }
    }
    return report.clean() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
