package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed fields from a JSON object and names the field and the place on every error, such as
 * {@code "inventory.json image #3: 'created' must be an ISO-8601 instant, was 'yesterday'"}.
 */
public final class JsonFields {
  private final JsonNode node;
  private final String where;

  private JsonFields(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  /**
   * Wraps an object.
   *
   * @param where names the object in errors, such as {@code "images/img-1.json"}
   * @throws InvalidInputException when the node is not an object
   */
  public static JsonFields of(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new InvalidInputException(
          where + ": expected a JSON object, found " + node.getNodeType());
    }
    return new JsonFields(node, where);
  }

  /** Where this object is, for messages. */
  public String where() {
    return where;
  }

  /** An error naming this object and a field. */
  public InvalidInputException error(String field, String problem) {
    return new InvalidInputException(where + ": '" + field + "' " + problem);
  }

  private @Nullable JsonNode get(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /** A required string. */
  public String text(String field) {
    String v = optText(field);
    if (v == null) {
      throw error(field, "is required");
    }
    return v;
  }

  /** A string, or {@code fallback} when absent or null. */
  public String text(String field, String fallback) {
    String v = optText(field);
    return v == null ? fallback : v;
  }

  /** A string, or {@code null} when absent. */
  public @Nullable String optText(String field) {
    JsonNode v = get(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw error(field, "must be a string, was " + v);
    }
    return v.asText();
  }

  /** A whole number, or {@code fallback} when absent. */
  public long number(String field, long fallback) {
    JsonNode v = get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(field, "must be a whole number, was " + v);
    }
    return v.asLong();
  }

  /** A number, or {@code fallback} when absent. */
  public double decimal(String field, double fallback) {
    JsonNode v = get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw error(field, "must be a number, was " + v);
    }
    return v.asDouble();
  }

  /** A boolean, or {@code fallback} when absent. */
  public boolean bool(String field, boolean fallback) {
    JsonNode v = get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw error(field, "must be true or false, was " + v);
    }
    return v.asBoolean();
  }

  /** An ISO-8601 instant, or {@code null} when absent. */
  public @Nullable Instant instant(String field) {
    String v = optText(field);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw error(
          field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + v + "'");
    }
  }

  /** A required ISO-8601 instant. */
  public Instant requiredInstant(String field) {
    Instant v = instant(field);
    if (v == null) {
      throw error(field, "is required");
    }
    return v;
  }

  /** A duration in milliseconds, or {@code null} when absent. */
  public @Nullable Duration millis(String field) {
    JsonNode v = get(field);
    return v == null ? null : Duration.ofMillis(number(field, 0));
  }

  /** A value parsed from a string; a parse failure names the field. */
  public <T> T parsed(String field, Function<String, T> parse, T fallback) {
    String v = optText(field);
    if (v == null) {
      return fallback;
    }
    try {
      return parse.apply(v);
    } catch (InvalidInputException | IllegalArgumentException e) {
      throw error(field, e.getMessage() == null ? "is invalid: '" + v + "'" : e.getMessage());
    }
  }

  /** A nested object, or {@code null} when absent. */
  public @Nullable JsonFields object(String field) {
    JsonNode v = get(field);
    return v == null ? null : of(v, where + " " + field);
  }

  /** The objects of an array, each named by its index; empty when absent. */
  public List<JsonFields> objects(String field) {
    JsonNode v = get(field);
    List<JsonFields> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw error(field, "must be an array");
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(of(v.get(i), where + " " + field + "[" + i + "]"));
    }
    return out;
  }

  /** The strings of an array; empty when absent. */
  public List<String> texts(String field) {
    JsonNode v = get(field);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw error(field, "must be an array of strings");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw error(field, "must hold only strings, found " + e);
      }
      out.add(e.asText());
    }
    return out;
  }

  /** An object of string values; empty when absent. */
  public Map<String, String> textMap(String field) {
    JsonNode v = get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error(field, "must be an object of strings");
    }
    v.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw error(field + "." + e.getKey(), "must be a string");
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }

  /** An object of numbers; empty when absent. */
  public Map<String, Double> numberMap(String field) {
    JsonNode v = get(field);
    Map<String, Double> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error(field, "must be an object of numbers");
    }
    v.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isNumber()) {
                throw error(field + "." + e.getKey(), "must be a number");
              }
              out.put(e.getKey(), e.getValue().asDouble());
            });
    return out;
  }

  /** Puts an instant as ISO-8601 text, or JSON null. */
  public static void putInstant(ObjectNode node, String field, @Nullable Instant value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value.toString());
    }
  }

  /** Puts a string or JSON null. */
  public static void putText(ObjectNode node, String field, @Nullable String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** Puts strings as an array. */
  public static void putTexts(ObjectNode node, String field, Iterable<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }
}
