package io.cloudimage.bench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The normalised result of one run: which tool produced it and its metrics by name. This is what
 * {@code bench parse} prints and what {@code bench compare} reads back, whatever the tool.
 *
 * @param tool the tool, such as {@code fio} or {@code stress-ng}
 * @param metrics the metrics, in the tool's order, names unique
 */
public record Measurements(String tool, List<Metric> metrics) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the list and checks that names are unique. */
  public Measurements {
    metrics = List.copyOf(metrics);
    Map<String, Metric> seen = new LinkedHashMap<>();
    for (Metric m : metrics) {
      if (seen.put(m.name(), m) != null) {
        throw new IllegalArgumentException("metric " + m.name() + " appears twice");
      }
    }
  }

  /** The metric called {@code name}, if measured. */
  public Optional<Metric> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** {@code {"tool":..., "metrics":[{"name","unit","higherIsBetter","value"}]}}, pretty-printed. */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("tool", tool);
    ArrayNode list = root.putArray("metrics");
    for (Metric m : metrics) {
      ObjectNode o = list.addObject();
      o.put("name", m.name());
      o.put("unit", m.unit());
      o.put("higherIsBetter", m.higherIsBetter());
      o.put("value", m.value());
    }
    return Json.pretty(root);
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @param source names the input in error messages
   * @throws InvalidInputException when the text is not such a document, with the offset or field
   */
  public static Measurements fromJson(String json, String source) {
    JsonNode root = Json.read(json, source);
    JsonNode tool = root.get("tool");
    JsonNode list = root.get("metrics");
    if (tool == null || !tool.isTextual() || list == null || !list.isArray()) {
      throw new InvalidInputException(
          source + ": not a bench result: expected {\"tool\":..., \"metrics\":[...]}");
    }
    List<Metric> metrics = new ArrayList<>();
    int i = 0;
    for (JsonNode m : list) {
      String where = source + ": metrics[" + i++ + "]";
      metrics.add(
          new Metric(
              Json.text(m, "name", where),
              Json.text(m, "unit", where),
              Json.bool(m, "higherIsBetter", where),
              Json.number(m, "value", where)));
    }
    return new Measurements(tool.asText(), metrics);
  }
}
