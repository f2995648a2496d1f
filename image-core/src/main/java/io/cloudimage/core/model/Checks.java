package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Validation shared by the model's constructors; every message names the field. */
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

  static <T> Set<T> copy(@Nullable Set<T> set) {
    return set == null ? Set.of() : Set.copyOf(set);
  }

  static <K, V> Map<K, V> copy(@Nullable Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }
}
