package io.cloudimage.core.model.guest;

import io.cloudimage.core.error.InvalidInputException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Validation for the guest-state records; every message names the field. The same rules as the
 * model's own, kept package-private here so that neither package exports a validation helper.
 */
final class Checks {
  private Checks() {}

  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new InvalidInputException(field + " is required");
    }
    return value;
  }

  static String nonBlank(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + " is required and must not be blank");
    }
    return value;
  }

  static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new InvalidInputException(field + " must be >= 0, was " + value);
    }
    return value;
  }

  static <T> List<T> copy(@Nullable List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
