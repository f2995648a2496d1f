package io.cloudimage.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.model.Image;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes command results to stdout: one JSON document with {@code --json}, text otherwise. The
 * command line builds its own JSON with its own mapper; the library hands it JSON as text.
 */
final class Output {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Output() {}

  /** A new, empty JSON object to fill and print. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new, empty JSON array to fill and print. */
  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * The JSON object in {@code json}, such as a library result's {@code toJson()}, to add fields to.
   *
   * @throws IllegalStateException when the text is not a JSON object: the library wrote it, so that
   *     is a bug, not bad input
   */
  static ObjectNode tree(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node instanceof ObjectNode o) {
        return o;
      }
      throw new IllegalStateException("expected a JSON object, found " + node.getNodeType());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the library wrote JSON that does not parse", e);
    }
  }

  /** Prints one JSON document, pretty, followed by a newline. */
  static void json(JsonNode node) {
    try {
      json(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Prints one JSON document that is already text, followed by a newline. The library's {@code
   * toJson()} texts are pretty-printed with the same printer as {@link #json(JsonNode)}, so every
   * command's output is laid out alike.
   */
  static void json(String json) {
    PrintStream out = System.out;
    out.println(json);
    out.flush();
  }

  /** Streams images as one JSON array, one image at a time, in constant memory. */
  static long jsonArray(Iterable<Image> images) {
    // Not closed: closing it would close stdout.
    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    long count = ImageJson.writeArray(out, images);
    try {
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.flush();
    return count;
  }

  /** One line of the human listing. */
  static String line(Image i) {
    return String.format(
        Locale.ROOT,
        "%-20s %-28s %-16s %-7s %-7s %10s %-10s%s",
        i.nativeId(),
        i.name(),
        i.platform().os().family().id() + ":" + i.platform().os().version(),
        i.platform().architecture().id(),
        i.storage().tier().name(),
        size(i.storage().sizeBytes()),
        i.state().name(),
        i.usage().inUse() ? " in-use" : "");
  }

  /** The header of the human listing. */
  static String header() {
    return String.format(
        Locale.ROOT,
        "%-20s %-28s %-16s %-7s %-7s %10s %-10s",
        "ID",
        "NAME",
        "OS",
        "ARCH",
        "TIER",
        "SIZE",
        "STATE");
  }

  /** Bytes in binary units. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
