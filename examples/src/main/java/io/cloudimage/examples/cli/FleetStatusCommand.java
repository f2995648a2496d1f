package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.fleet.cluster.FleetCluster;
import io.cloudimage.fleet.cluster.FleetStatus;
import io.cloudimage.fleet.workflow.FleetProgress;
import io.cloudimage.fleet.workflow.FleetReport;
import io.cloudimage.fleet.workflow.FleetRuns;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code fleet status ID}: a fleet run's state and progress on a cluster. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a fleet run's state and progress on a Temporal cluster.")
final class FleetStatusCommand implements Callable<Integer> {
  @ParentCommand FleetCommand fleet = new FleetCommand();

  @Mixin FleetClusterOptions cluster = new FleetClusterOptions();

  /** {@code --blobs}: where a finished run's report pages are, to list its shards. */
  @Mixin FleetBlobOptions blobOptions = new FleetBlobOptions();

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The run's id, as fleet plan|apply printed it.")
  String id = "";

  @Override
  public Integer call() {
    if (!cluster.onCluster()) {
      System.err.println(
          "fleet status needs --temporal HOST:PORT (in-process runs end with their command)");
      return ExitCodes.USAGE;
    }
    FleetStatus status;
    try (FleetCluster c = cluster.connect()) {
      status = c.status(id);
    }
    FleetProgress p = status.progress();
    FleetReport report = status.report();
    if (report != null && !report.pages().isEmpty()) {
      if (blobOptions.given()) {
        try (FleetBlobOptions.Opened blobs = blobOptions.open()) {
          report = blobs.inline(report);
        }
      } else {
        System.err.println(
            "the run's shard reports are in its blob store; add --blobs (the workers') to list"
                + " them");
      }
    }
    if (fleet.root.json) {
      ObjectNode root = Output.object();
      root.put("id", status.id());
      root.put("state", status.state().name());
      if (p == null) {
        root.putNull("progress");
      } else {
        ObjectNode n = root.putObject("progress");
        n.put("shards", p.shards());
        n.put("running", p.running());
        n.put("finished", p.finished());
        n.put("failed", p.failed());
        n.put("notStarted", p.notStarted());
        n.put("cancelled", p.cancelled());
      }
      if (report == null) {
        root.putNull("report");
      } else {
        root.set("report", Output.tree(FleetRuns.summaryJson(report)));
      }
      Output.json(root);
      return ExitCodes.OK;
    }
    System.out.println(status.id() + ": " + status.state());
    if (p != null) {
      System.out.printf(
          "  %d shards: %d running, %d finished, %d failed, %d not started%s%n",
          p.shards(),
          p.running(),
          p.finished(),
          p.failed(),
          p.notStarted(),
          p.cancelled() ? " (cancelled)" : "");
    }
    if (report != null) {
      FleetCommand.print(report, false);
    }
    return ExitCodes.OK;
  }
}
