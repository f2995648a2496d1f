package io.cloudimage.examples.cli;

import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Fleet;
import io.cloudimage.fleet.FleetReader;
import io.cloudimage.fleet.workflow.BlobStore;
import io.cloudimage.fleet.workflow.EmbeddedFleet;
import io.cloudimage.fleet.workflow.FleetReport;
import io.cloudimage.fleet.workflow.FleetRun;
import io.cloudimage.fleet.workflow.FleetRuns;
import io.cloudimage.fleet.workflow.ProviderOpener;
import io.cloudimage.fleet.workflow.ShardActivitiesImpl;
import io.cloudimage.fleet.workflow.ShardReport;
import io.cloudimage.fleet.workflow.ShardStatus;
import io.cloudimage.fleet.workflow.ShardTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage fleet …}: lifecycle plans and applies across accounts × regions, as workflows
 * run in this process.
 */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description = "Plan and apply lifecycle policies across accounts x regions (in-process).",
    subcommands = {FleetCommand.PlanCommand.class, FleetCommand.Apply.class})
final class FleetCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  private static ShardActivitiesImpl activities(BlobStore blobs, Path journals) {
    return new ShardActivitiesImpl(
        blobs, journals, ProviderOpener.providers(), Clock.systemUTC(), Duration.ofSeconds(30));
  }

  private static void print(FleetReport report, boolean json) {
    if (json) {
      Output.json(FleetRuns.summaryJson(report));
      return;
    }
    for (ShardReport r : report.shards()) {
      String error = r.error();
      System.out.printf(
          Locale.ROOT,
          "  %-40s %-12s %4d actions, saves %s %s%s%n",
          r.shard().id(),
          r.status(),
          r.actions(),
          r.monthlySaving().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
          r.currency(),
          error == null ? "" : "  (" + error + ")");
    }
    System.out.println(
        report.shards().size()
            + " shards, "
            + report.actions()
            + " actions, saving "
            + (report.monthlySaving().isEmpty()
                ? "nothing"
                : report.monthlySaving().entrySet().stream()
                        .map(
                            e ->
                                e.getValue().setScale(2, java.math.RoundingMode.HALF_EVEN)
                                    + " "
                                    + e.getKey())
                        .collect(java.util.stream.Collectors.joining(" + "))
                    + " a month"));
  }

  private static int exitCode(FleetReport report) {
    return report.count(ShardStatus.FAILED) > 0 || report.count(ShardStatus.NOT_STARTED) > 0
        ? ExitCodes.PROVIDER
        : ExitCodes.OK;
  }

  /** {@code fleet plan}: a plan per shard, and the summary. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = "Plan every shard of a fleet (no changes); -o writes the plans for apply.")
  static final class PlanCommand implements Callable<Integer> {
    @ParentCommand FleetCommand fleet = new FleetCommand();

    @Option(
        names = "--fleet",
        required = true,
        paramLabel = "FILE",
        description = "The fleet file (YAML).")
    Path file = Path.of("");

    @Option(
        names = {"-o", "--output"},
        paramLabel = "DIR",
        description = "Write the plans, the summary and the apply run here.")
    @Nullable Path output;

    @Override
    public Integer call() throws IOException {
      Fleet read = FleetReader.read(file);
      Path out = output;
      Path work = out != null ? out : Files.createTempDirectory("cloudimage-fleet-");
      BlobStore blobs = new BlobStore(work.resolve("blobs"));
      FleetRun run = FleetRuns.plan(read);
      FleetReport report;
      try (EmbeddedFleet engine =
          EmbeddedFleet.start(activities(blobs, work.resolve("journals")))) {
        report = engine.run(run);
      }
      if (out != null) {
        FleetRuns.writePlans(out, run, report, blobs);
      } else {
        deleteTree(work);
      }
      print(report, fleet.root.json);
      return exitCode(report);
    }
  }

  /** {@code fleet apply}: apply the plans of {@code fleet plan -o}, journaled per shard. */
  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Apply the plans written by fleet plan -o (dry run without --yes); a journal per shard.")
  static final class Apply implements Callable<Integer> {
    @ParentCommand FleetCommand fleet = new FleetCommand();

    @Option(
        names = "--plans",
        required = true,
        paramLabel = "DIR",
        description = "The folder fleet plan -o wrote.")
    Path plans = Path.of("");

    @Option(
        names = "--journal",
        required = true,
        paramLabel = "DIR",
        description = "The journals' folder: one journal per provider/account/region below it.")
    Path journal = Path.of("");

    @Option(
        names = "--yes",
        description =
            "Act, and approve every shard's plan (in-process nobody else can); without it"
                + " nothing changes.")
    boolean yes;

    @Override
    public Integer call() {
      FleetRun run = FleetRuns.readApplyRun(plans);
      if (!yes) {
        for (ShardTask t : run.shards()) {
          System.out.println("  would apply " + t.shard().id() + " plan " + t.plan());
        }
        System.out.println("dry run: nothing changed; add --yes to act");
        return ExitCodes.OK;
      }
      List<ShardTask> approved = new ArrayList<>();
      for (ShardTask t : run.shards()) {
        approved.add(
            new ShardTask(
                t.fleet(),
                t.shard(),
                t.policy(),
                t.callsPerSecond(),
                ApprovalThresholds.NONE,
                t.plan(),
                true,
                t.heartbeatSeconds()));
      }
      FleetRun go =
          new FleetRun(run.fleet(), approved, run.maxConcurrentShards(), run.maxFailedShards());
      FleetReport report;
      BlobStore blobs = new BlobStore(plans.resolve("blobs"));
      try (EmbeddedFleet engine = EmbeddedFleet.start(activities(blobs, journal))) {
        report = engine.run(go);
      }
      print(report, fleet.root.json);
      return exitCode(report);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
