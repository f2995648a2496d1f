package io.cloudimage.core.local;

import java.nio.file.Path;

/**
 * One problem of a local home, as {@code home check} reports it.
 *
 * @param kind what is wrong
 * @param path the file or folder concerned
 * @param detail a sentence for people: what it means and what {@code home repair} does about it
 */
public record HomeProblem(Kind kind, Path path, String detail) {

  /** The kinds of problem. */
  public enum Kind {
    /** A folder or file of the home is a symbolic link; repair moves the link to quarantine. */
    UNSAFE_LINK,
    /** A disk no snapshot record names; repair moves it to quarantine. */
    ORPHAN_DISK,
    /** A trash entry a crash left half done; repair finishes or undoes it. */
    HALF_DONE_TRASH,
    /** An image or snapshot record that cannot be read; left for a person to fix. */
    BROKEN_RECORD,
    /** A snapshot whose disk file is missing; left for a person. */
    MISSING_DISK,
    /** Something waiting in quarantine for a person to look at and remove. */
    QUARANTINED
  }
}
