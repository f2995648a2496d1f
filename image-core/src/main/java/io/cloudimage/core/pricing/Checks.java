package io.cloudimage.core.pricing;

import io.cloudimage.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** Validation shared by the price records' constructors; every message names the field. */
final class Checks {
  private Checks() {}

  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new InvalidInputException(field + " is required");
    }
    return value;
  }

  static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new InvalidInputException(field + " must be >= 0, was " + value);
    }
    return value;
  }
}
