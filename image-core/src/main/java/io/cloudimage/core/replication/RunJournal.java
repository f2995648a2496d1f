package io.cloudimage.core.replication;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The replication's write-ahead journal: an {@code INTENT} before a copy starts, then its outcome
 * ({@code DONE} or {@code FAILED}), each keyed by the copy's {@link ReplicationTarget#op()}. Read
 * back on the next run, an intent without an outcome is a copy a crash interrupted.
 *
 * <p>Each intent holds the copy's idempotency {@linkplain #token(ReplicationTarget) token}: stable
 * per run, image, destination and attempt, so a run resumed after a crash sends the provider the
 * same token as the interrupted attempt and the provider answers with the copy it already made. The
 * run is the journal's: its id is written in every intent and read back on resume.
 */
final class RunJournal implements AutoCloseable {
  static final String ACTION = "REPLICATE";

  private final @Nullable Journal journal;
  private final String runId;
  private final Set<String> done = new HashSet<>();
  private final Set<String> interrupted = new HashSet<>();

  /** The token of each interrupted intent. */
  private final Map<String, String> pendingTokens = new HashMap<>();

  /** How many outcomes each copy has: a copy that failed is tried again under a new token. */
  private final Map<String, Integer> attempts = new HashMap<>();

  private RunJournal(@Nullable Journal journal) {
    this.journal = journal;
    String run = null;
    if (journal != null) {
      for (JournalRecord r : journal.records()) {
        String op = r.text("op");
        if (op == null || !ACTION.equals(r.text("action"))) {
          continue;
        }
        if (run == null) {
          run = r.text("run");
        }
        switch (r.type()) {
          case "INTENT" -> {
            interrupted.add(op);
            String token = r.text("token");
            if (token != null) {
              pendingTokens.put(op, token);
            } else {
              pendingTokens.remove(op);
            }
          }
          case "DONE" -> {
            ended(op);
            done.add(op);
          }
          case "FAILED" -> ended(op);
          default -> {}
        }
      }
    }
    this.runId = run != null ? run : UUID.randomUUID().toString();
  }

  private void ended(String op) {
    interrupted.remove(op);
    pendingTokens.remove(op);
    attempts.merge(op, 1, Integer::sum);
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

  /**
   * The idempotency token of the copy's current attempt: the interrupted intent's token when a
   * crash interrupted it, else a SHA-256 of the run, the copy and the number of attempts already
   * ended, as 64 hexadecimal characters at most (the providers' limit).
   */
  synchronized String token(ReplicationTarget t) {
    String pending = pendingTokens.get(t.op());
    if (pending != null) {
      return pending;
    }
    int attempt = attempts.getOrDefault(t.op(), 0);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {runId, t.op(), String.valueOf(attempt)}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "cloudimage-" + HexFormat.of().formatHex(sha.digest()).substring(0, 48);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Records that a copy is about to start under {@code token}, before the provider is called. */
  void intent(ReplicationTarget t, @Nullable String digest, String token) {
    Journal j = journal;
    if (j != null) {
      j.append(
          "INTENT",
          r ->
              r.put("op", t.op())
                  .put("action", ACTION)
                  .put("run", runId)
                  .put("image", t.imageId())
                  .put("destination", t.destination().label())
                  .put("digest", digest)
                  .put("token", token));
    }
    synchronized (this) {
      pendingTokens.put(t.op(), token);
    }
  }

  void outcome(ReplicationResult result) {
    ReplicationTarget t = result.target();
    Journal j = journal;
    if (j == null) {
      synchronized (this) {
        ended(t.op());
      }
      return;
    }
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
      ended(t.op());
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
