package io.cloudimage.bench.parse;

import java.util.Locale;

/** The directions fio reports separately. */
public enum IoDirection {
  READ,
  WRITE,
  TRIM;

  /** fio's key and the metric prefix: {@code read}, {@code write}, {@code trim}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
