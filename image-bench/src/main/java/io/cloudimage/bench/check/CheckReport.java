package io.cloudimage.bench.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answers of a check list.
 *
 * @param results each check's result, in the list's order
 */
public record CheckReport(List<CheckResult> results) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the list. */
  public CheckReport {
    results = List.copyOf(results);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return results.stream().allMatch(CheckResult::passed);
  }

  /**
   * {@code {"passed":bool,"checks":[{"kind","target","passed","latencyMillis","detail"}]}},
   * pretty-printed.
   */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("passed", passed());
    ArrayNode list = root.putArray("checks");
    for (CheckResult r : results) {
      list.addObject()
          .put("kind", r.kind())
          .put("target", r.target())
          .put("passed", r.passed())
          .put("latencyMillis", r.latency().toNanos() / 1e6)
          .put("detail", r.detail());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** One line per check: {@code PASS http http://... status 200, 3 ms}. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    for (CheckResult r : results) {
      b.append(r.passed() ? "PASS " : "FAIL ")
          .append(r.kind())
          .append(' ')
          .append(r.target())
          .append(": ")
          .append(r.detail())
          .append('\n');
    }
    return b.toString();
  }
}
