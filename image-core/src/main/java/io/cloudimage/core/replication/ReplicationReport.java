package io.cloudimage.core.replication;

import java.util.List;

/**
 * What a run of a plan did, one result per image and destination, in the plan's order.
 *
 * @param results one per copy
 */
public record ReplicationReport(List<ReplicationResult> results) {
  public ReplicationReport {
    results = List.copyOf(results);
  }

  /** Bytes moved over every copy. */
  public long bytesMoved() {
    return results.stream().mapToLong(ReplicationResult::bytesMoved).sum();
  }

  /** Bytes full copies of every image would have moved. */
  public long fullBytes() {
    return results.stream().mapToLong(ReplicationResult::fullBytes).sum();
  }

  /** How many copies ended with {@code status}. */
  public long count(ReplicationStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** Whether every copy is at its destination, verified. */
  public boolean complete() {
    return results.stream()
        .allMatch(
            r ->
                r.status() == ReplicationStatus.REPLICATED
                    || r.status() == ReplicationStatus.ALREADY_PRESENT);
  }
}
