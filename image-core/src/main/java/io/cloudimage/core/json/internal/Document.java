package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A document read strictly, with the line of every value by its path, such as {@code
 * rules[1].when.unusedFor}; the root's path is the empty string.
 *
 * @param root the document's top value
 * @param lines the first line of each value, by path
 */
public record Document(JsonNode root, Map<String, Integer> lines) {
  public Document {
    lines = Map.copyOf(lines);
  }

  /** The line of the value at {@code path}, or {@code -1} when it has none. */
  public int line(String path) {
    Integer line = lines.get(path);
    return line == null ? -1 : line;
  }
}
