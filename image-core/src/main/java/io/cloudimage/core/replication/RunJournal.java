package io.cloudimage.core.replication;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The replication's write-ahead journal: an {@code INTENT} before a copy starts, then its outcome
 * ({@code DONE} or {@code FAILED}), each keyed by the copy's {@link ReplicationTarget#op()}. Read
 * back on the next run, an intent without an outcome is a copy a crash interrupted.
 */
final class RunJournal implements AutoCloseable {
  static final String ACTION = "REPLICATE";

  private final @Nullable Journal journal;
  private final Set<String> done = new HashSet<>();
  private final Set<String> interrupted = new HashSet<>();

  private RunJournal(@Nullable Journal journal) {
    this.journal = journal;
    if (journal == null) {
      return;
    }
    for (JournalRecord r : journal.records()) {
      String op = r.text("op");
      if (op == null || !ACTION.equals(r.text("action"))) {
        continue;
      }
      switch (r.type()) {
        case "INTENT" -> interrupted.add(op);
        case "DONE" -> {
          interrupted.remove(op);
          done.add(op);
        }
        case "FAILED" -> interrupted.remove(op);
        default -> {}
      }
    }
  }

  static RunJournal open(@Nullable Path dir, Clock clock) {
    return new RunJournal(dir == null ? null : Journal.open(dir, clock));
  }

  /** Whether a copy was started and its outcome never recorded. */
  synchronized boolean interrupted(ReplicationTarget t) {
    return interrupted.contains(t.op());
  }

  /** Whether a copy was recorded as done. */
  synchronized boolean done(ReplicationTarget t) {
    return done.contains(t.op());
  }

  void intent(ReplicationTarget t, @Nullable String digest) {
    Journal j = journal;
    if (j != null) {
      j.append(
          "INTENT",
          r ->
              r.put("op", t.op())
                  .put("action", ACTION)
                  .put("image", t.imageId())
                  .put("destination", t.destination().label())
                  .put("digest", digest));
    }
  }

  void outcome(ReplicationResult result) {
    Journal j = journal;
    if (j == null) {
      return;
    }
    ReplicationTarget t = result.target();
    boolean ok =
        result.status() == ReplicationStatus.REPLICATED
            || result.status() == ReplicationStatus.ALREADY_PRESENT;
    j.append(
        ok ? "DONE" : "FAILED",
        r ->
            r.put("op", t.op())
                .put("action", ACTION)
                .put("image", t.imageId())
                .put("destination", t.destination().label())
                .put("status", result.status().name())
                .put("transfer", result.transfer().name())
                .put("destinationImage", result.destinationImageId())
                .put("bytesMoved", result.bytesMoved())
                .put("detail", result.detail()));
    synchronized (this) {
      interrupted.remove(t.op());
      if (ok) {
        done.add(t.op());
      }
    }
  }

  @Override
  public void close() {
    Journal j = journal;
    if (j != null) {
      j.close();
    }
  }
}
