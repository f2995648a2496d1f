package io.cloudimage.core.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which records a journal keeps under its retention ({@link Journal#applyRetention}): records of
 * one operation ({@code op} field) go together, and only when the operation has an outcome and its
 * last record is older than the retention of its kind; records outside any operation go when older
 * than the image records' retention.
 */
final class Retention {
  private Retention() {}

  /** The records kept, in their order. */
  static List<JournalRecord> kept(
      List<JournalRecord> records, Duration imageRecords, Duration snapshotRecords, Instant now) {
    Map<String, Instant> lastOfOp = new HashMap<>();
    Map<String, Boolean> settled = new HashMap<>();
    Map<String, String> kindOfOp = new HashMap<>();
    for (JournalRecord r : records) {
      String op = r.text("op");
      if (op != null) {
        lastOfOp.merge(op, r.time(), (a, b) -> a.isAfter(b) ? a : b);
        settled.put(op, !r.type().equals("INTENT"));
        String kind = r.text("kind");
        if (kind != null) {
          kindOfOp.put(op, kind);
        }
      }
    }
    Function<JournalRecord, Boolean> drop =
        r -> {
          String op = r.text("op");
          if (op == null) {
            return r.time().plus(imageRecords).isBefore(now);
          }
          Duration keep = "SNAPSHOT".equals(kindOfOp.get(op)) ? snapshotRecords : imageRecords;
          Instant last = lastOfOp.getOrDefault(op, r.time());
          return Boolean.TRUE.equals(settled.get(op)) && last.plus(keep).isBefore(now);
        };
    List<JournalRecord> kept = new ArrayList<>();
    for (JournalRecord r : records) {
      if (!drop.apply(r)) {
        kept.add(r);
      }
    }
    return kept;
  }
}
