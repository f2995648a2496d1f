package io.cloudimage.core.delta;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Locale;

/** How a delta finds what changed. */
public enum DeltaMode {
  /**
   * Fixed blocks at the same offsets in both disks: a changed block is stored as its XOR with the
   * base block, compressed; a block that became all zeros is stored as a hole. Fast, and what a
   * block store takes, but data that moved to another offset counts as changed.
   */
  BLOCK(1),
  /**
   * Content-defined chunks (a gear rolling hash picks the cut points), so that data shifted by an
   * insert or a delete is still found in the base: the delta holds the new chunks and references to
   * base offsets for the others.
   */
  CDC(2);

  private final int code;

  DeltaMode(int code) {
    this.code = code;
  }

  /** The byte that names the mode in the file header. */
  int code() {
    return code;
  }

  /** The lower-case name used in JSON and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code block} or {@code cdc}.
   *
   * @throws InvalidInputException naming the accepted values
   */
  public static DeltaMode parse(String text) {
    for (DeltaMode m : values()) {
      if (m.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new InvalidInputException("unknown delta mode '" + text + "'; use block or cdc");
  }

  static DeltaMode fromCode(int code) {
    for (DeltaMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    throw new IllegalArgumentException("no delta mode " + code);
  }
}
