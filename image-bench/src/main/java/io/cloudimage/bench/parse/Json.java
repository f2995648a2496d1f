package io.cloudimage.bench.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.error.InvalidInputException;

/** Reading JSON with errors that say where the input went wrong. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /** The JSON object in {@code text}; truncated or malformed text fails with its offset. */
  static JsonNode read(String text, String source) {
    return read(text, source, 0);
  }

  /**
   * The JSON object in {@code text}, which starts at offset {@code base} of the input, so that
   * errors name the input's offset.
   */
  static JsonNode read(String text, String source, long base) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException(source + ": empty input, expected a JSON document");
      }
      if (!node.isObject()) {
        throw new InvalidInputException(
            source + ": expected a JSON object at offset 0, found " + node.getNodeType());
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null
              ? ""
              : " at offset "
                  + (base + at.getCharOffset())
                  + " (line "
                  + at.getLineNr()
                  + ", column "
                  + at.getColumnNr()
                  + ")";
      String what = text.isBlank() ? "empty" : "truncated or malformed JSON";
      throw new InvalidInputException(
          source
              + ": "
              + what
              + where
              + ": "
              + e.getOriginalMessage()
              + "; re-run the tool and keep its whole output",
          e);
    }
  }

  static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  static String text(JsonNode parent, String field, String where) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(where + ": field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  static boolean bool(JsonNode parent, String field, String where) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isBoolean()) {
      throw new InvalidInputException(
          where + ": field '" + field + "' is missing or not true/false");
    }
    return v.asBoolean();
  }

  static double number(JsonNode parent, String field, String where) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isNumber()) {
      throw new InvalidInputException(where + ": field '" + field + "' is missing or not a number");
    }
    return v.asDouble();
  }

  /** A number that may be absent: {@code fallback} then. */
  static double number(JsonNode parent, String field, double fallback) {
    JsonNode v = parent.get(field);
    return v != null && v.isNumber() ? v.asDouble() : fallback;
  }
}
