package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a tree from a parser, checking what Jackson's limits do not cover for every format: a
 * duplicate key (named with both its lines), depth and string length (YAML's parser does not apply
 * Jackson's limits to them), and non-finite numbers.
 */
final class TreeReader {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final JsonParser p;
  private final String source;
  private final Map<String, Integer> lines;

  private TreeReader(JsonParser p, String source, Map<String, Integer> lines) {
    this.p = p;
    this.source = source;
    this.lines = lines;
  }

  /** Reads a whole document: one value and nothing after it. */
  static Document document(JsonParser p, String source) throws IOException {
    // Duplicates are found here, where both lines are known, rather than by the parser.
    p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    Map<String, Integer> lines = new HashMap<>();
    if (p.nextToken() == null) {
      throw new InvalidInputException(source + ": is empty");
    }
    JsonNode root = new TreeReader(p, source, lines).read("", 0);
    if (p.nextToken() != null) {
      throw new InvalidInputException(
          source
              + " line "
              + p.currentTokenLocation().getLineNr()
              + ": more after the end of the document; a file holds one document");
    }
    return new Document(root, lines);
  }

  /** Reads the value at the current token. */
  static JsonNode value(JsonParser p, String source) throws IOException {
    return new TreeReader(p, source, new HashMap<>()).read("", 0);
  }

  private InvalidInputException error(int line, String problem) {
    return new InvalidInputException(source + " line " + line + ": " + problem);
  }

  private JsonNode read(String path, int depth) throws IOException {
    JsonToken t = p.currentToken();
    int line = p.currentTokenLocation().getLineNr();
    lines.putIfAbsent(path, line);
    if (t == null) {
      throw error(line, "ends in the middle of a value");
    }
    switch (t) {
      case START_OBJECT:
        return object(path, depth + 1, line);
      case START_ARRAY:
        return array(path, depth + 1, line);
      case VALUE_STRING:
        return F.textNode(text(path, line));
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return F.numberNode(p.getIntValue());
          case LONG:
            return F.numberNode(p.getLongValue());
          default:
            return F.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        double d = p.getDoubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw error(line, at(path) + "'" + p.getText() + "' is not a finite number");
        }
        return F.numberNode(d);
      case VALUE_TRUE:
        return F.booleanNode(true);
      case VALUE_FALSE:
        return F.booleanNode(false);
      case VALUE_NULL:
        return F.nullNode();
      default:
        // Embedded binary or other format-specific values: kept as their text.
        return F.textNode(text(path, line));
    }
  }

  private String text(String path, int line) throws IOException {
    String s = p.getText();
    if (s != null && s.length() > StrictJson.MAX_STRING_LENGTH) {
      throw error(
          line,
          at(path)
              + "limit exceeded: a string longer than "
              + StrictJson.MAX_STRING_LENGTH
              + " characters (1 MiB); cloudimage files hold no such strings");
    }
    return s == null ? "" : s;
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private void checkDepth(int depth, int line) {
    if (depth > StrictJson.MAX_DEPTH) {
      throw error(
          line,
          "limit exceeded: objects and arrays nested deeper than "
              + StrictJson.MAX_DEPTH
              + " levels");
    }
  }

  private ObjectNode object(String path, int depth, int line) throws IOException {
    checkDepth(depth, line);
    ObjectNode o = F.objectNode();
    Map<String, Integer> seen = new HashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int keyLine = p.currentTokenLocation().getLineNr();
      if (name.length() > StrictJson.MAX_NAME_LENGTH) {
        throw error(
            keyLine,
            "limit exceeded: a key longer than " + StrictJson.MAX_NAME_LENGTH + " characters");
      }
      String child = path.isEmpty() ? name : path + "." + name;
      Integer first = seen.putIfAbsent(name, keyLine);
      if (first != null) {
        throw error(
            keyLine,
            "duplicate key '"
                + name
                + "'"
                + (path.isEmpty() ? "" : " in " + path)
                + ", first at line "
                + first
                + ", again at line "
                + keyLine
                + "; each key may appear once in an object");
      }
      lines.put(child, keyLine);
      p.nextToken();
      o.set(name, read(child, depth));
    }
    if (t != JsonToken.END_OBJECT) {
      throw error(p.currentTokenLocation().getLineNr(), "an object ends in the middle");
    }
    return o;
  }

  private ArrayNode array(String path, int depth, int line) throws IOException {
    checkDepth(depth, line);
    ArrayNode a = F.arrayNode();
    int i = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw error(p.currentTokenLocation().getLineNr(), "an array ends in the middle");
      }
      a.add(read(path + "[" + i++ + "]", depth));
    }
    return a;
  }
}
