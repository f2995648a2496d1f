package io.cloudimage.examples.cli;

import io.cloudimage.fleet.cluster.ClusterWorker;
import io.cloudimage.fleet.cluster.FleetCluster;
import io.cloudimage.fleet.workflow.BlobStore;
import io.cloudimage.fleet.workflow.ProviderOpener;
import io.cloudimage.fleet.workflow.ShardActivitiesImpl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fleet worker}: runs the fleet's workflows and activities for a cluster until stopped. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Run fleet workflows and shard activities for a Temporal cluster until stopped (Ctrl-C).")
final class FleetWorkerCommand implements Callable<Integer> {
  @Mixin FleetClusterOptions cluster = new FleetClusterOptions();

  @Option(
      names = "--journal",
      required = true,
      paramLabel = "DIR",
      description = "The journals' folder: one journal per provider/account/region below it.")
  Path journal = Path.of("");

  /** {@code --blobs}: required here, as every worker of a task queue must name the same store. */
  @Mixin FleetBlobOptions blobOptions = new FleetBlobOptions();

  @Override
  public Integer call() {
    if (!cluster.onCluster()) {
      System.err.println("fleet worker needs --temporal HOST:PORT");
      return ExitCodes.USAGE;
    }
    if (!blobOptions.given()) {
      System.err.println(
          "fleet worker needs --blobs DIR|s3://BUCKET/PREFIX, the blob store every worker of the"
              + " task queue shares (for fleet apply --plans DIR: DIR/blobs)");
      return ExitCodes.USAGE;
    }
    try (FleetBlobOptions.Opened blobs = blobOptions.open()) {
      return work(blobs.store());
    }
  }

  private int work(BlobStore store) {
    ShardActivitiesImpl activities =
        new ShardActivitiesImpl(
            store, journal, ProviderOpener.providers(), Clock.systemUTC(), Duration.ofSeconds(30));
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C or a TERM signal: stop polling and let running tasks end before the JVM exits.
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(35, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "fleet-worker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (FleetCluster c = cluster.connect();
        ClusterWorker worker = c.startWorker(activities, store)) {
      System.err.println(
          "fleet worker polling "
              + c.address().taskQueue()
              + " on "
              + c.address().target()
              + " ("
              + c.address().namespace()
              + "); Ctrl-C stops it");
      try {
        stop.await();
      } catch (InterruptedException e) {
        // Stopped by the embedding program: close the worker as for Ctrl-C.
        Thread.interrupted();
      }
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook is running.
      }
    }
    System.err.println("fleet worker stopped");
    return ExitCodes.OK;
  }
}
