package io.cloudimage.examples.cli;

import io.cloudimage.fleet.report.FleetSavings;
import io.cloudimage.fleet.report.SavingsPage;
import io.cloudimage.fleet.report.ShardSavings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code fleet report}: what a fleet's applies saved, per account and region, as a page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write what the fleet's journals record as done and saved, per account and region, as an"
            + " HTML page with charts and JSON next to it.")
final class FleetReportCommand implements Callable<Integer> {
  @ParentCommand FleetCommand fleet = new FleetCommand();

  @Option(
      names = "--journal",
      required = true,
      paramLabel = "DIR",
      description = "The journals' folder (PROVIDER/ACCOUNT/REGION below it).")
  Path journal = Path.of("");

  @Option(
      names = "--html",
      required = true,
      paramLabel = "OUT.html",
      description = "The page to write; the JSON goes next to it as OUT.json.")
  Path html = Path.of("");

  @Option(
      names = "--plans",
      paramLabel = "DIR",
      description =
          "A folder fleet plan -o wrote, whose plans price the done actions; repeatable."
              + " Without it only counts are reported.")
  List<Path> plans = new ArrayList<>();

  @Override
  public Integer call() {
    String name = html.getFileName() == null ? "" : html.getFileName().toString();
    if (!name.endsWith(".html") && !name.endsWith(".htm")) {
      System.err.println("--html " + html + " must name a .html file");
      return ExitCodes.USAGE;
    }
    Path json = html.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json");
    FleetSavings savings = FleetSavings.read(journal, plans);
    SavingsPage.write(savings, html, json);
    if (fleet.root.json) {
      Output.json(SavingsPage.json(savings));
    } else {
      for (ShardSavings s : savings.shards()) {
        System.out.printf(
            "  %-40s %4d done %3d failed  %s%s%n",
            s.provider() + "/" + s.account() + "/" + s.region(),
            s.done(),
            s.failed(),
            s.monthlySaving(),
            s.verified() ? "" : "  (journal does not verify)");
      }
      System.out.println("wrote " + html + " and " + json);
    }
    return savings.shards().stream().allMatch(ShardSavings::verified)
        ? ExitCodes.OK
        : ExitCodes.CHECK_FAILED;
  }
}
