package io.cloudimage.fleet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.output.OutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A fleet's savings as one self-contained HTML page (no scripts, fonts or images from elsewhere):
 * the totals, a bar chart of the monthly saving per account and one per region, in inline SVG, one
 * pair per currency, and a table per shard; and the same figures as JSON.
 *
 * <pre>{@code
 * SavingsPage.write(FleetSavings.read(journals, List.of(plans)), html, json);
 * }</pre>
 */
public final class SavingsPage {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int WIDTH = 640;
  private static final int LABEL = 180;
  private static final int BAR = 22;

  private SavingsPage() {}

  /**
   * Writes the page to {@code html} and the JSON to {@code json}, each through a temporary file
   * renamed over it, so that a failure leaves no partial file; neither may be one of the journals
   * or plans read, nor the other output.
   *
   * @throws io.cloudimage.core.error.InvalidInputException when an output is an input
   */
  public static void write(FleetSavings savings, Path html, Path json) {
    List<Path> inputs = new ArrayList<>(savings.inputs());
    write(html, render(savings), inputs, json);
    write(json, json(savings) + "\n", inputs, html);
  }

  private static void write(Path target, String text, List<Path> inputs, Path other) {
    try (OutputFile out = OutputFile.to(target).notSameAs(inputs).notSameAs(other).open()) {
      out.stream().write(text.getBytes(StandardCharsets.UTF_8));
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * The figures as JSON: {@code {"shards":[{"provider","account","region","done","failed",
   * "unpriced","monthlySaving":{CUR:n},"verified"}],"byAccount":{ACCOUNT:{CUR:n}},
   * "byRegion":{REGION:{CUR:n}},"monthlySaving":{CUR:n}}}}, amounts exact (the page rounds them).
   */
  public static String json(FleetSavings savings) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode shards = root.putArray("shards");
    for (ShardSavings s : savings.shards()) {
      ObjectNode n = shards.addObject();
      n.put("provider", s.provider());
      n.put("account", s.account());
      n.put("region", s.region());
      n.put("done", s.done());
      n.put("failed", s.failed());
      n.put("unpriced", s.unpriced());
      amounts(n.putObject("monthlySaving"), s.monthlySaving());
      n.put("verified", s.verified());
    }
    ObjectNode byAccount = root.putObject("byAccount");
    savings.byAccount().forEach((k, v) -> amounts(byAccount.putObject(k), v));
    ObjectNode byRegion = root.putObject("byRegion");
    savings.byRegion().forEach((k, v) -> amounts(byRegion.putObject(k), v));
    amounts(root.putObject("monthlySaving"), savings.total());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Exact sums: many shards' fractions of a cent add up, so the JSON does not round. */
  private static void amounts(ObjectNode n, Map<String, BigDecimal> m) {
    m.forEach((c, v) -> n.put(c, v.stripTrailingZeros()));
  }

  /** The page's text. */
  public static String render(FleetSavings s) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>Fleet savings</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;background:#fff}\n")
        .append("table{border-collapse:collapse;margin-bottom:2em}td,th{padding:4px 10px;")
        .append("border-bottom:1px solid #ddd;text-align:left}\n")
        .append("td.n{text-align:right}.bad{color:#cf222e}\n")
        .append("section{margin:1.5em 0;padding:1em;border:1px solid #ddd;border-radius:6px}\n")
        .append("</style></head><body>\n<h1>Fleet savings</h1>\n<p>");
    long done = s.shards().stream().mapToLong(ShardSavings::done).sum();
    long failed = s.shards().stream().mapToLong(ShardSavings::failed).sum();
    long unverified = s.shards().stream().filter(x -> !x.verified()).count();
    h.append(s.shards().size())
        .append(" shards, ")
        .append(done)
        .append(" actions done, ")
        .append(failed)
        .append(" failed; saving ")
        .append(esc(money(s.total())))
        .append(" a month.");
    if (unverified > 0) {
      h.append(" <span class=\"bad\">")
          .append(unverified)
          .append(" journals do not verify.</span>");
    }
    h.append("</p>\n");
    TreeSet<String> currencies = new TreeSet<>(s.total().keySet());
    for (String currency : currencies) {
      h.append("<section><h2>Per account (")
          .append(esc(currency))
          .append(" a month)</h2>\n")
          .append(chart(s.byAccount(), currency))
          .append("</section>\n<section><h2>Per region (")
          .append(esc(currency))
          .append(" a month)</h2>\n")
          .append(chart(s.byRegion(), currency))
          .append("</section>\n");
    }
    h.append("<h2>Shards</h2>\n<table><tr><th>provider</th><th>account</th><th>region</th>")
        .append("<th>done</th><th>failed</th><th>saving a month</th><th>journal</th></tr>\n");
    for (ShardSavings x : s.shards()) {
      h.append("<tr><td>")
          .append(esc(x.provider()))
          .append("</td><td>")
          .append(esc(x.account()))
          .append("</td><td>")
          .append(esc(x.region()))
          .append("</td><td class=\"n\">")
          .append(x.done())
          .append("</td><td class=\"n\">")
          .append(x.failed())
          .append("</td><td class=\"n\">")
          .append(esc(money(x.monthlySaving())))
          .append(x.unpriced() > 0 ? " (" + x.unpriced() + " unpriced)" : "")
          .append("</td><td")
          .append(x.verified() ? ">verified" : " class=\"bad\">does not verify")
          .append("</td></tr>\n");
    }
    h.append("</table>\n<script type=\"application/json\" id=\"data\">\n")
        .append(json(s).replace("</", "<\\/"))
        .append("\n</script>\n</body></html>\n");
    return h.toString();
  }

  /** A horizontal bar per key, scaled to the largest saving in {@code currency}. */
  private static String chart(Map<String, Map<String, BigDecimal>> by, String currency) {
    BigDecimal max = BigDecimal.ZERO;
    for (Map<String, BigDecimal> m : by.values()) {
      BigDecimal v = m.getOrDefault(currency, BigDecimal.ZERO);
      if (v.compareTo(max) > 0) {
        max = v;
      }
    }
    int height = by.size() * (BAR + 6) + 6;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n",
            WIDTH,
            height));
    int y = 6;
    int span = WIDTH - LABEL - 90;
    for (Map.Entry<String, Map<String, BigDecimal>> e : by.entrySet()) {
      BigDecimal v = e.getValue().getOrDefault(currency, BigDecimal.ZERO);
      int w =
          max.signum() <= 0
              ? 0
              : v.max(BigDecimal.ZERO)
                  .multiply(BigDecimal.valueOf(span))
                  .divide(max, 0, RoundingMode.HALF_UP)
                  .intValue();
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\">%s</text>"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1a7f37\">"
                  + "<title>%s: %s</title></rect>"
                  + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n",
              LABEL - 6,
              y + BAR - 7,
              esc(e.getKey()),
              LABEL,
              y,
              Math.max(w, 1),
              BAR,
              esc(e.getKey()),
              esc(v.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + currency),
              LABEL + Math.max(w, 1) + 6,
              y + BAR - 7,
              esc(v.setScale(2, RoundingMode.HALF_EVEN).toPlainString())));
      y += BAR + 6;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String money(Map<String, BigDecimal> m) {
    if (m.isEmpty()) {
      return "nothing";
    }
    List<String> parts = new ArrayList<>();
    m.forEach((c, v) -> parts.add(v.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + c));
    return String.join(" + ", parts);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
