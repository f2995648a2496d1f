package io.cloudimage.bench.job;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people and fio write them: {@code 4k}, {@code 1M}, {@code 2GiB}, {@code 512}. */
final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /** Parses a size in bytes; suffixes are binary, as fio reads them by default. */
  static long parse(String text, String field) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new InvalidInputException(
          field + ": '" + text + "' is not a size; write bytes or 4k, 1M, 2G, 1T");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new InvalidInputException(field + ": '" + text + "' is too large");
    }
    return n << shift;
  }

  /** The shortest exact form fio reads back: {@code 4k}, {@code 1m}, or plain bytes. */
  static String fio(long bytes) {
    String[] units = {"t", "g", "m", "k"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes >= unit && bytes % unit == 0) {
        return (bytes / unit) + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
