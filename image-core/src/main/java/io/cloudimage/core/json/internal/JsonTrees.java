package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Builds JSON trees and turns them into text, so that every JSON form cloudimage writes is laid out
 * the same way: pretty with Jackson's default printer for single documents, compact inside streamed
 * arrays.
 */
public final class JsonTrees {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** A new, empty object. */
  public static ObjectNode object() {
    return F.objectNode();
  }

  /** A new, empty array. */
  public static ArrayNode array() {
    return F.arrayNode();
  }

  /**
   * Reads JSON text strictly (see {@link StrictJson}).
   *
   * @param source names the text in errors
   * @throws io.cloudimage.core.error.InvalidInputException naming the source and the line
   */
  public static JsonNode parse(String json, String source) {
    return StrictJson.readJson(json.getBytes(StandardCharsets.UTF_8), source).root();
  }

  /** The tree as pretty-printed text, without a trailing newline. */
  public static String pretty(JsonNode node) {
    try {
      return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      // A tree of plain nodes always serialises; this is a broken invariant, not bad input.
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** Writes the tree pretty-printed to {@code out}, which stays open. */
  public static void writePretty(Writer out, JsonNode node) {
    try {
      out.write(pretty(node));
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON", e);
    }
  }
}
