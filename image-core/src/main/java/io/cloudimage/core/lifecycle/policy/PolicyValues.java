package io.cloudimage.core.lifecycle.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.pricing.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a policy file that are written as text: ages ({@code 30d}, ISO-8601), sizes ({@code
 * 10GiB}) and amounts ({@code 100 USD}), parsed with exact arithmetic so that nothing wraps, every
 * error placed by the reader's {@link Errors}.
 */
final class PolicyValues {
  /** Makes the error for a value at a field path, naming the file and line. */
  interface Errors {
    InvalidInputException at(String path, String problem);
  }

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([dhms])");

  /** {@code Long.MAX_VALUE} bytes in whole TiB, for messages. */
  private static final String MAX_SIZE_TEXT = "8388607TiB";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?");

  private final Errors error;

  PolicyValues(Errors error) {
    this.error = error;
  }

  /**
   * {@code 30d}, {@code 12h}, {@code 45m}, {@code 10s}, or ISO-8601 such as {@code P30D}; at most
   * {@link Condition#MAX_AGE}. The arithmetic is exact: an age too long to represent is refused,
   * never wrapped.
   */
  Duration duration(JsonNode v, String path) {
    if (!v.isValueNode() || v.isNull()) {
      throw error.at(path, "must be a duration such as 30d, 12h or P30D");
    }
    String t = v.asText().trim();
    Matcher m = SHORT_DURATION.matcher(t);
    Duration d;
    if (m.matches()) {
      BigInteger seconds = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unitSeconds(m)));
      if (seconds.compareTo(BigInteger.valueOf(Condition.MAX_AGE.getSeconds())) > 0) {
        throw tooLong(path, t);
      }
      d = Duration.ofSeconds(seconds.longValueExact());
    } else {
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException | ArithmeticException e) {
        // Well-formed ISO-8601 with more digits than any duration holds: too long, not malformed.
        if (t.matches("(?i)-?P.*\\d{12,}.*")) {
          throw tooLong(path, t);
        }
        throw error.at(
            path, "'" + t + "' is not a duration; write 30d, 12h or ISO-8601 such as P30D");
      }
    }
    if (d.compareTo(Condition.MAX_AGE) > 0) {
      throw tooLong(path, t);
    }
    return d;
  }

  private static long unitSeconds(Matcher m) {
    switch (m.group(2)) {
      case "d":
        return 86_400;
      case "h":
        return 3_600;
      case "m":
        return 60;
      default:
        return 1;
    }
  }

  private InvalidInputException tooLong(String path, String text) {
    return error.at(
        path,
        "'"
            + text
            + "' is longer than the longest age accepted, "
            + Condition.MAX_AGE.toDays()
            + "d (100 years)");
  }

  /**
   * A whole number of bytes, or one with a binary unit such as {@code 10GiB}; at most {@code
   * Long.MAX_VALUE} bytes ({@value #MAX_SIZE_TEXT}), with exact arithmetic so that no size wraps.
   */
  long size(JsonNode v, String path) {
    String t;
    if (v.isIntegralNumber()) {
      t = v.bigIntegerValue().toString();
    } else if (v.isTextual()) {
      t = v.asText().trim();
    } else {
      throw error.at(path, "'" + v + "' is not a size; write a whole number of bytes or 10GiB");
    }
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw error.at(
          path, "'" + t + "' is not a size; write a whole number of bytes >= 0 or 10GiB");
    }
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift = List.of("B", "KiB", "MiB", "GiB", "TiB").indexOf(unit) * 10;
    BigInteger bytes = new BigInteger(m.group(1)).shiftLeft(shift);
    if (bytes.bitLength() > 63) {
      throw error.at(
          path,
          "'"
              + t
              + "' is more than the largest size accepted, "
              + Long.MAX_VALUE
              + " bytes ("
              + MAX_SIZE_TEXT
              + ")");
    }
    return bytes.longValueExact();
  }

  Money money(JsonNode v, String path) {
    String[] parts = v.asText().trim().split("\\s+");
    if (parts.length != 2) {
      throw error.at(path, "write an amount and a currency, such as '100 USD'");
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(parts[0]);
    } catch (NumberFormatException e) {
      throw error.at(path, "'" + parts[0] + "' is not a number");
    }
    if (amount.signum() < 0 || amount.precision() - amount.scale() > 15 || amount.scale() > 10) {
      throw error.at(
          path,
          "'"
              + parts[0]
              + "' is out of range; write an amount >= 0 below 10^15 with at most 10 decimals");
    }
    return Money.of(amount, parts[1]);
  }
}
