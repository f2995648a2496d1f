package io.cloudimage.bench.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Two images compared: each metric's summaries, ratio, interval, p-value and verdict.
 *
 * @param labelA what A's runs were on
 * @param labelB what B's runs were on
 * @param confidence the confidence level used, such as 0.95
 * @param threshold the relative change beyond which a worse metric is a regression
 * @param metrics the metrics both sides measured
 */
public record Comparison(
    String labelA,
    String labelB,
    double confidence,
    double threshold,
    List<MetricComparison> metrics) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the list. */
  public Comparison {
    metrics = List.copyOf(metrics);
  }

  /** The metrics where B is worse beyond the threshold. */
  public List<MetricComparison> regressions() {
    return metrics.stream().filter(MetricComparison::regression).toList();
  }

  /**
   * {@code bench compare}'s JSON: {@code {"a","b","confidence","threshold","metrics":[{"name",
   * "unit","higherIsBetter","a":{"n","median","iqr"},"b":{...},"ratio","ci95":[lo,hi],"pValue",
   * "verdict","regression","explanation"}]}}; a ratio or interval that does not exist (A's median
   * is 0) is {@code null}.
   */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("a", labelA);
    root.put("b", labelB);
    root.put("confidence", confidence);
    root.put("threshold", threshold);
    ArrayNode list = root.putArray("metrics");
    for (MetricComparison m : metrics) {
      ObjectNode o = list.addObject();
      o.put("name", m.name());
      o.put("unit", m.unit());
      o.put("higherIsBetter", m.higherIsBetter());
      side(o.putObject("a"), m.a());
      side(o.putObject("b"), m.b());
      number(o, "ratio", m.ratio());
      ArrayNode ci = o.putArray("ci95");
      if (Double.isNaN(m.ciLow())) {
        ci.addNull().addNull();
      } else {
        ci.add(m.ciLow()).add(m.ciHigh());
      }
      o.put("pValue", m.pValue());
      o.put("verdict", m.verdict().json());
      o.put("regression", m.regression());
      o.put("explanation", m.explanation());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static void side(ObjectNode o, Summary s) {
    o.put("n", s.n());
    o.put("median", s.median());
    o.put("iqr", s.iqr());
    o.put("q1", s.q1());
    o.put("q3", s.q3());
    o.put("min", s.min());
    o.put("max", s.max());
  }

  private static void number(ObjectNode o, String field, double v) {
    if (Double.isNaN(v)) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }
}
