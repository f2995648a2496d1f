package io.cloudimage.core.catalog;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Locale;

/** How an operating system ships its releases, which sets how often images must be rebuilt. */
public enum ReleaseCadence {
  /** Long-term releases every two to three years with five or more years of support (LTS). */
  LONG_TERM,
  /**
   * One release line updated continuously by minor versions or quarterly updates (Amazon Linux
   * 2023, RHEL minor releases).
   */
  CONTINUOUS,
  /** Short-lived releases between long-term ones, supported for months (Ubuntu interim). */
  INTERIM;

  /**
   * Parses {@code long-term}, {@code continuous} or {@code interim}, in any case.
   *
   * @throws InvalidInputException listing the accepted names
   */
  public static ReleaseCadence parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown release cadence '" + text + "'; use long-term, continuous or interim", e);
    }
  }

  /** The lower-case, hyphenated name used in data files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
