package io.cloudimage.core.lifecycle.execute;

import org.jspecify.annotations.Nullable;

/** What became of one planned action in a run. */
public enum Status {
  /** Done in this run (or found done by asking the provider after a crash). */
  DONE,
  /** Done in an earlier run, per the journal; not repeated. */
  ALREADY_DONE,
  /** Not done: a precondition no longer held (the reason says which). */
  SKIPPED,
  /** The provider refused or failed; a later run retries it. */
  FAILED,
  /** The provider cannot tell whether an interrupted action happened; not repeated. */
  UNKNOWN,
  /** Dry run: would be done. */
  WOULD_RUN,
  /** Dry run: would be skipped (the reason says why). */
  WOULD_SKIP,
  /** Not attempted: the run was cancelled or its error budget ran out first. */
  NOT_RUN;

  /**
   * Whether a journaled outcome (an entry type written under a status's name) settles its action
   * for good: done, skipped, or unknown (never repeated). A failure does not: a later run retries.
   */
  static boolean settles(@Nullable String journaled) {
    return DONE.name().equals(journaled)
        || SKIPPED.name().equals(journaled)
        || UNKNOWN.name().equals(journaled);
  }
}
