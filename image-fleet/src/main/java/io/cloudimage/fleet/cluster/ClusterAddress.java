package io.cloudimage.fleet.cluster;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.fleet.workflow.FleetWorkers;
import java.util.Objects;

/**
 * Where a fleet runs on a Temporal cluster.
 *
 * @param target the frontend service as {@code HOST:PORT}
 * @param namespace the Temporal namespace
 * @param taskQueue the task queue the fleet's workers poll
 */
public record ClusterAddress(String target, String namespace, String taskQueue) {
  /** The namespace used when none is given. */
  public static final String DEFAULT_NAMESPACE = "default";

  /**
   * Checks the parts.
   *
   * @throws InvalidInputException when the target is not {@code HOST:PORT} or a name is blank
   */
  public ClusterAddress {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(taskQueue, "taskQueue");
    if (!target.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
      throw new InvalidInputException(
          "--temporal '" + target + "' is not HOST:PORT, such as temporal.example:7233");
    }
    if (namespace.isBlank()) {
      throw new InvalidInputException("--namespace is blank; name a Temporal namespace");
    }
    if (taskQueue.isBlank()) {
      throw new InvalidInputException("--task-queue is blank; name the fleet workers' task queue");
    }
  }

  /** The cluster at {@code target}, in the default namespace and the fleet's default task queue. */
  public static ClusterAddress of(String target) {
    return new ClusterAddress(target, DEFAULT_NAMESPACE, FleetWorkers.DEFAULT_TASK_QUEUE);
  }
}
