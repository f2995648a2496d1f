package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the journal says: the last record type of each operation, the snapshots each open {@code
 * INTENT} recorded, and the provider identity the journal is bound to. Streamed.
 */
final class JournalState {
  final Map<String, String> last = new HashMap<>();
  final Map<String, JournalRecord> intents = new HashMap<>();
  @Nullable String identity;
  boolean hasOperations;

  static JournalState read(Path dir) {
    JournalState s = new JournalState();
    Journal.forEachRecord(
        dir,
        r -> {
          String id = r.text("identity");
          if (id != null && s.identity == null) {
            s.identity = id;
          }
          String op = r.text("op");
          if (op != null && !r.type().equals("SANITIZATION")) {
            s.hasOperations = true;
            s.last.put(op, r.type());
            if (r.type().equals("INTENT")) {
              s.intents.put(op, r);
            } else {
              s.intents.remove(op);
            }
          }
        });
    return s;
  }

  /** Refuses a journal bound to another provider identity, or holding actions but no identity. */
  void requireIdentity(Path dir, String identity) {
    String bound = this.identity;
    if (bound == null && hasOperations) {
      throw new InvalidInputException(
          "journal "
              + dir
              + " records actions but no provider identity, so it cannot show they were done"
              + " on "
              + identity
              + "; use a new --journal");
    }
    if (bound != null && !bound.equals(identity)) {
      throw new InvalidInputException(
          "journal "
              + dir
              + " belongs to "
              + bound
              + ", not to "
              + identity
              + "; use the journal kept for this provider, or a new --journal");
    }
  }
}
