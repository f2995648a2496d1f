package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one entry of a data file, naming the file, the entry and the field in every
 * error so that a user can fix an override file by the message alone.
 */
public final class EntryReader {
  private final JsonNode node;
  private final String where;

  public EntryReader(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  public String where() {
    return where;
  }

  private JsonNode required(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(where + ": field '" + field + "' is missing");
    }
    return v;
  }

  public String text(String field) {
    JsonNode v = required(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InvalidInputException(
          where + ": field '" + field + "' must be a non-empty string, was " + v);
    }
    return v.asText();
  }

  public String optionalText(String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  public @Nullable String nullableText(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  public LocalDate date(String field) {
    String text = text(field);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          where + ": field '" + field + "' must be a date like 2029-05-31, was '" + text + "'", e);
    }
  }

  public BigDecimal decimal(String field) {
    JsonNode v = required(field);
    BigDecimal d;
    if (v.isNumber()) {
      d = v.decimalValue();
    } else if (v.isTextual()) {
      try {
        d = new BigDecimal(v.asText().trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            where + ": field '" + field + "' must be a number, was '" + v.asText() + "'", e);
      }
    } else {
      throw new InvalidInputException(where + ": field '" + field + "' must be a number, was " + v);
    }
    return d;
  }

  public BigDecimal nonNegative(String field) {
    BigDecimal d = decimal(field);
    if (d.signum() < 0) {
      throw new InvalidInputException(
          where + ": field '" + field + "' must be >= 0, was " + d.toPlainString());
    }
    return d;
  }

  public int positiveInt(String field) {
    JsonNode v = required(field);
    if (!v.canConvertToInt() || v.asInt() <= 0) {
      throw new InvalidInputException(
          where + ": field '" + field + "' must be a whole number > 0, was " + v);
    }
    return v.asInt();
  }

  public int nonNegativeInt(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.canConvertToInt() || v.asInt() < 0) {
      throw new InvalidInputException(
          where + ": field '" + field + "' must be a whole number >= 0, was " + v);
    }
    return v.asInt();
  }

  /** The element {@code index} of this node, an array of numbers, which must be >= 0. */
  public BigDecimal nonNegativeAt(int index) {
    JsonNode v = node.path(index);
    if (!v.isNumber() || v.decimalValue().signum() < 0) {
      throw new InvalidInputException(
          where + ": element " + index + " must be a number >= 0, was " + v);
    }
    return v.decimalValue();
  }

  public JsonNode node() {
    return node;
  }
}
