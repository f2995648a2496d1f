package io.cloudimage.examples.cli;

import io.cloudimage.fleet.cluster.FleetCluster;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code fleet cancel ID}: stops a run on a cluster. No new shard starts; a shard waiting for its
 * approval ends cancelled, and a shard applying stops before its next action. Actions already done
 * stay done, and their journals say so.
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Cancel a fleet run on a cluster: no new shard starts, waiting shards end, applying shards"
            + " stop before their next action.")
final class FleetCancelCommand implements Callable<Integer> {
  @Mixin FleetClusterOptions cluster = new FleetClusterOptions();

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The run's id, as fleet plan|apply printed it.")
  String id = "";

  @Override
  public Integer call() {
    if (!cluster.onCluster()) {
      System.err.println(
          "fleet cancel needs --temporal HOST:PORT (in-process, stop the fleet command itself)");
      return ExitCodes.USAGE;
    }
    try (FleetCluster c = cluster.connect()) {
      c.cancel(id);
    }
    System.err.println("cancelled " + id + " (fleet status shows where each shard ended)");
    return ExitCodes.OK;
  }
}
