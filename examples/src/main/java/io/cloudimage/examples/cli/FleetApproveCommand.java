package io.cloudimage.examples.cli;

import io.cloudimage.fleet.cluster.FleetCluster;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fleet approve ID --shard S}: approves one shard's plan of a run on a cluster. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Approve the plan of a shard waiting for approval in a fleet run on a cluster.")
final class FleetApproveCommand implements Callable<Integer> {
  @Mixin FleetClusterOptions cluster = new FleetClusterOptions();

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The run's id, as fleet plan|apply printed it.")
  String id = "";

  @Option(
      names = "--shard",
      required = true,
      paramLabel = "S",
      description = "The shard: PROVIDER/ACCOUNT/REGION, as fleet status shows it.")
  String shard = "";

  @Override
  public Integer call() {
    if (!cluster.onCluster()) {
      System.err.println(
          "fleet approve needs --temporal HOST:PORT (in-process, fleet apply --yes approves)");
      return ExitCodes.USAGE;
    }
    if (shard.split("/", -1).length != 3) {
      System.err.println("--shard '" + shard + "' is not PROVIDER/ACCOUNT/REGION");
      return ExitCodes.USAGE;
    }
    try (FleetCluster c = cluster.connect()) {
      c.approve(id, shard);
    }
    System.err.println("approved " + shard + " in " + id);
    return ExitCodes.OK;
  }
}
