package io.cloudimage.bench.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudimage.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the YAML that {@code stress-ng --metrics --yaml FILE} writes. stress-ng ends the document
 * with {@code ...}; without that marker the output was cut short, which this parser reports rather
 * than returning the stressors that happened to be written.
 */
public final class StressNgParser {
  private static final YAMLMapper YAML = new YAMLMapper();

  private StressNgParser() {}

  /**
   * Parses stress-ng's YAML.
   *
   * @param source names the input in error messages
   * @throws InvalidInputException when the YAML is truncated, malformed or has no metrics, with the
   *     line
   */
  public static StressNgResult parse(String text, String source) {
    int start = text.indexOf("---");
    if (start < 0 || !text.stripTrailing().endsWith("...")) {
      int lines = text.isEmpty() ? 0 : (int) text.lines().count();
      throw new InvalidInputException(
          source
              + ": truncated stress-ng YAML: "
              + (start < 0 ? "no '---' document start" : "no '...' document end")
              + " (input ends at line "
              + lines
              + "); run stress-ng with --metrics --yaml FILE"
              + " and let it finish");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text.substring(start));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int firstLine = (int) text.substring(0, start).chars().filter(c -> c == '\n').count();
      String where = at == null ? "" : " at line " + (firstLine + at.getLineNr());
      throw new InvalidInputException(
          source + ": malformed stress-ng YAML" + where + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(source + ": stress-ng YAML holds no mapping");
    }
    JsonNode metrics = root.get("metrics");
    if (metrics == null || !metrics.isArray() || metrics.isEmpty()) {
      throw new InvalidInputException(
          source + ": no 'metrics' list in stress-ng YAML; run stress-ng with --metrics");
    }
    List<StressorMetrics> list = new ArrayList<>();
    int i = 0;
    for (JsonNode m : metrics) {
      String where = source + ": metrics[" + i++ + "]";
      list.add(
          new StressorMetrics(
              text(m, "stressor", where),
              number(m, "bogo-ops", where),
              number(m, "bogo-ops-per-second-real-time", where),
              number(m, "bogo-ops-per-second-usr-sys-time", where),
              optional(m, "wall-clock-time"),
              optional(m, "user-time"),
              optional(m, "system-time")));
    }
    JsonNode info = root.get("system-info");
    Optional<String> version =
        Optional.ofNullable(info == null ? null : info.get("stress-ng-version"))
            .map(JsonNode::asText);
    return new StressNgResult(version, list);
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      throw new InvalidInputException(where + ": field '" + field + "' is missing");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new InvalidInputException(where + ": field '" + field + "' is missing");
    }
    try {
      // The YAML reader may keep a number as text; stress-ng writes plain decimals.
      return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          where + ": field '" + field + "' is not a number: '" + v.asText() + "'", e);
    }
  }

  private static double optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      return 0;
    }
    try {
      return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
