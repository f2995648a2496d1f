package io.cloudimage.examples.cli;

import io.cloudimage.fleet.cluster.ClusterAddress;
import io.cloudimage.fleet.cluster.FleetCluster;
import io.cloudimage.fleet.workflow.FleetWorkers;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --temporal HOST:PORT --namespace NS --task-queue Q}: the cluster a fleet runs on. */
final class FleetClusterOptions {
  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description = "A Temporal cluster's frontend; without it the fleet runs in this process.")
  @Nullable String target;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = ClusterAddress.DEFAULT_NAMESPACE,
      description = "The Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace = ClusterAddress.DEFAULT_NAMESPACE;

  @Option(
      names = "--task-queue",
      paramLabel = "Q",
      defaultValue = FleetWorkers.DEFAULT_TASK_QUEUE,
      description = "The task queue the fleet's workers poll (default: ${DEFAULT-VALUE}).")
  String taskQueue = FleetWorkers.DEFAULT_TASK_QUEUE;

  /** Whether a cluster was named. */
  boolean onCluster() {
    return target != null;
  }

  /** Connects to the named cluster; only when {@link #onCluster()}. */
  FleetCluster connect() {
    String t = target;
    if (t == null) {
      throw new IllegalStateException("no --temporal");
    }
    return FleetCluster.connect(new ClusterAddress(t, namespace, taskQueue));
  }
}
