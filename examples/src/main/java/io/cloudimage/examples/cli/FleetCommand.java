package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Fleet;
import io.cloudimage.fleet.FleetReader;
import io.cloudimage.fleet.cluster.FleetCluster;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage fleet …}: lifecycle plans and applies across accounts × regions, as workflows
 * run in this process.
 */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description =
        "Plan and apply lifecycle policies across accounts x regions, in-process or on a Temporal"
            + " cluster (--temporal).",
    subcommands = {
      FleetCommand.PlanCommand.class,
      FleetCommand.Apply.class,
      FleetWorkerCommand.class,
      FleetStatusCommand.class,
      FleetApproveCommand.class,
      FleetCancelCommand.class,
      FleetReportCommand.class
    })
final class FleetCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  private static ShardActivitiesImpl activities(BlobStore blobs, Path journals) {
    return new ShardActivitiesImpl(
        blobs, journals, ProviderOpener.providers(), Clock.systemUTC(), Duration.ofSeconds(30));
  }

  static void print(FleetReport report, boolean json) {
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

  /**
   * Stores {@code run}'s shards in the workers' blob store, submits the stored run to the cluster
   * and prints its id: the shard list never passes through the workflow's history.
   */
  private static int submit(
      FleetClusterOptions cluster, FleetBlobOptions.Opened blobs, FleetRun run, boolean json) {
    String id;
    FleetRun stored = FleetRuns.store(run, blobs.store());
    try (FleetCluster c = cluster.connect()) {
      id = c.submit(stored);
    }
    if (json) {
      ObjectNode n = Output.object();
      n.put("id", id);
      n.put("fleet", run.fleet());
      n.put("shards", stored.shardCount());
      Output.json(n);
    } else {
      System.out.println(id);
      System.err.println(
          "submitted "
              + stored.shardCount()
              + " shards of fleet "
              + run.fleet()
              + "; follow it with: cloudimage fleet status "
              + id
              + " --temporal "
              + cluster.target
              + " --blobs "
              + blobs.store());
    }
    return ExitCodes.OK;
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

    @Mixin FleetClusterOptions cluster = new FleetClusterOptions();

    @Mixin FleetBlobOptions blobOptions = new FleetBlobOptions();

    @Override
    public Integer call() throws IOException {
      Fleet read = FleetReader.read(file);
      if (cluster.onCluster()) {
        if (output != null) {
          System.err.println(
              "-o is for in-process runs; on a cluster the plans stay in the workers' blob store"
                  + " (fleet status ID shows their digests)");
          return ExitCodes.USAGE;
        }
        if (!blobOptions.given()) {
          System.err.println(NEEDS_BLOBS);
          return ExitCodes.USAGE;
        }
        try (FleetBlobOptions.Opened blobs = blobOptions.open()) {
          return submit(cluster, blobs, FleetRuns.plan(read), fleet.root.json);
        }
      }
      Path out = output;
      Path work = out != null ? out : Files.createTempDirectory("cloudimage-fleet-");
      FleetRun run = FleetRuns.plan(read);
      FleetReport report;
      try (FleetBlobOptions.Opened blobs = blobOptions.open(work.resolve("blobs"))) {
        BlobStore store = blobs.store();
        try (EmbeddedFleet engine =
            EmbeddedFleet.start(activities(store, work.resolve("journals")), store)) {
          report = blobs.inline(engine.run(FleetRuns.store(run, store)));
        }
        if (out != null) {
          FleetRuns.writePlans(out, run, report, store);
          blobOptions.note(out);
        }
      } finally {
        if (out == null) {
          deleteTree(work);
        }
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

    @Option(names = "--plans", paramLabel = "DIR", description = "The folder fleet plan -o wrote.")
    @Nullable Path plans;

    @Option(
        names = "--fleet",
        paramLabel = "FILE",
        description =
            "On a cluster: plan and apply the fleet file's shards, each waiting for fleet approve"
                + " when its plan is over the file's approval thresholds.")
    @Nullable Path file;

    @Option(
        names = "--journal",
        paramLabel = "DIR",
        description =
            "The journals' folder (in-process): one journal per provider/account/region below it."
                + " On a cluster the workers' --journal holds them.")
    @Nullable Path journal;

    @Mixin FleetClusterOptions cluster = new FleetClusterOptions();

    @Mixin FleetBlobOptions blobOptions = new FleetBlobOptions();

    @Option(
        names = "--yes",
        description =
            "Act, and approve every shard's plan (in-process nobody else can); without it"
                + " nothing changes.")
    boolean yes;

    @Override
    public Integer call() {
      Path plansDir = plans;
      Path fleetFile = file;
      if ((plansDir == null) == (fleetFile == null)) {
        System.err.println("fleet apply takes one of --plans DIR and --fleet FILE");
        return ExitCodes.USAGE;
      }
      if (cluster.onCluster()) {
        FleetRun run =
            fleetFile != null
                ? FleetRuns.planAndApply(FleetReader.read(fleetFile))
                : FleetRuns.readApplyRun(java.util.Objects.requireNonNull(plansDir));
        if (!yes) {
          for (ShardTask t : run.shards()) {
            System.out.println(
                "  would submit "
                    + t.shard().id()
                    + (t.plan() == null ? " (plan, then apply)" : " plan " + t.plan()));
          }
          System.out.println("dry run: nothing submitted; add --yes to act");
          return ExitCodes.OK;
        }
        if (plansDir == null && !blobOptions.given()) {
          System.err.println(NEEDS_BLOBS);
          return ExitCodes.USAGE;
        }
        // On a cluster approvals come by signal (fleet approve), so the thresholds stay.
        try (FleetBlobOptions.Opened blobs =
            plansDir != null ? blobOptions.openFor(plansDir) : blobOptions.open()) {
          return submit(cluster, blobs, run, fleet.root.json);
        }
      }
      Path journalDir = journal;
      if (plansDir == null || journalDir == null) {
        System.err.println(
            "in-process, fleet apply takes --plans DIR (from fleet plan -o) and --journal DIR;"
                + " --fleet FILE is for a cluster (--temporal)");
        return ExitCodes.USAGE;
      }
      FleetRun run = FleetRuns.readApplyRun(plansDir);
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
      try (FleetBlobOptions.Opened blobs = blobOptions.openFor(plansDir);
          EmbeddedFleet engine =
              EmbeddedFleet.start(activities(blobs.store(), journalDir), blobs.store())) {
        report = blobs.inline(engine.run(FleetRuns.store(go, blobs.store())));
      }
      print(report, fleet.root.json);
      return exitCode(report);
    }
  }

  private static final String NEEDS_BLOBS =
      "on a cluster, --blobs DIR|s3://BUCKET/PREFIX names the workers' blob store: the run's"
          + " shards go there, not through the workflow's history";

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
