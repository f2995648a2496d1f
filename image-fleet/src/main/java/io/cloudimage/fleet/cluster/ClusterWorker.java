package io.cloudimage.fleet.cluster;

import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;

/**
 * A worker polling a cluster's fleet task queue, running the fleet and shard workflows and the
 * shard activities until closed. Closing it lets running activities finish their current action: an
 * apply whose worker stops fails its attempt, and another worker continues from the shard's
 * journal.
 */
public final class ClusterWorker implements AutoCloseable {
  private final WorkerFactory factory;

  ClusterWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /** Stops polling and waits up to 30 s for running tasks to end. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(30, TimeUnit.SECONDS);
  }
}
