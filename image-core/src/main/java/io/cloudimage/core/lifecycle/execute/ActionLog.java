package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.lifecycle.plan.PlannedAction;

/** Writes an action's outcome to the run's journal and turns it into its {@link ActionResult}. */
final class ActionLog {
  private final Journal journal;

  ActionLog(Journal journal) {
    this.journal = journal;
  }

  /** The journal the run holds locked. */
  Journal journal() {
    return journal;
  }

  /**
   * Journals the outcome of operation {@code op}, under the status's name as the entry's type, and
   * returns its result.
   */
  ActionResult outcome(String op, PlannedAction a, int index, Status status, String detail) {
    journal.append(
        status.name(),
        r -> {
          r.put("op", op);
          r.put("kind", a.kind().name());
          r.put("resource", a.resource());
          r.put("action", a.action().name());
          r.put("detail", detail);
        });
    return new ActionResult(index, a.resource(), a.action(), status, detail);
  }
}
