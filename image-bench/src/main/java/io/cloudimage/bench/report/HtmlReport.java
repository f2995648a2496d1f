package io.cloudimage.bench.report;

import io.cloudimage.bench.compare.Comparison;
import io.cloudimage.bench.compare.MetricComparison;
import io.cloudimage.bench.compare.Summary;
import io.cloudimage.bench.compare.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A comparison as one self-contained HTML page: no scripts, fonts or images from elsewhere. Each
 * metric gets its verdict, a box plot of both images' runs and the ratio B/A with its confidence
 * interval against the threshold band, all inline SVG; the comparison's JSON is embedded too.
 *
 * <pre>{@code
 * HtmlReport.write(comparison, Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {
  private static final int WIDTH = 640;
  private static final int LEFT = 40;
  private static final int RIGHT = 20;

  private HtmlReport() {}

  /**
   * Writes the page to {@code file} through a temporary file in the same folder, so that a failure
   * leaves no partial page under the name asked for.
   */
  public static void write(Comparison comparison, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".report", ".tmp");
      try {
        Files.writeString(tmp, render(comparison), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file, e);
    }
  }

  /** The page's text. */
  public static String render(Comparison c) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(esc("Benchmark: " + c.labelA() + " vs " + c.labelB()))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;background:#fff}\n")
        .append("table{border-collapse:collapse;margin-bottom:2em}td,th{padding:4px 10px;")
        .append("border-bottom:1px solid #ddd;text-align:left}\n")
        .append(".better{color:#1a7f37}.worse{color:#cf222e}.no-difference{color:#666}\n")
        .append("section{margin:1.5em 0;padding:1em;border:1px solid #ddd;border-radius:6px}\n")
        .append("h2{font-size:1.1em;margin:0 0 .3em}p{margin:.3em 0}\n")
        .append("</style></head><body>\n");
    h.append("<h1>")
        .append(esc(c.labelB()))
        .append(" compared with ")
        .append(esc(c.labelA()))
        .append("</h1>\n<p>A = ")
        .append(esc(c.labelA()))
        .append(", B = ")
        .append(esc(c.labelB()))
        .append(". ")
        .append(pct(c.confidence()))
        .append(" confidence intervals of the ratio of medians B/A (bootstrap); Mann-Whitney U")
        .append(" test; a worse metric beyond ")
        .append(pct(c.threshold()))
        .append(" is a regression.</p>\n");
    long regressions = c.regressions().size();
    h.append("<p><strong>")
        .append(regressions == 0 ? "No regression." : regressions + " regression(s).")
        .append("</strong></p>\n");
    h.append("<table><tr><th>metric</th><th>A median</th><th>B median</th><th>B/A</th>")
        .append("<th>CI</th><th>p</th><th>verdict</th></tr>\n");
    for (MetricComparison m : c.metrics()) {
      h.append("<tr><td>")
          .append(esc(m.name()))
          .append("</td><td>")
          .append(num(m.a().median()))
          .append(' ')
          .append(esc(m.unit()))
          .append("</td><td>")
          .append(num(m.b().median()))
          .append(' ')
          .append(esc(m.unit()))
          .append("</td><td>")
          .append(Double.isNaN(m.ratio()) ? "-" : String.format(Locale.ROOT, "%.3f", m.ratio()))
          .append("</td><td>")
          .append(
              Double.isNaN(m.ciLow())
                  ? "-"
                  : String.format(Locale.ROOT, "%.3f-%.3f", m.ciLow(), m.ciHigh()))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", m.pValue()))
          .append("</td><td class=\"")
          .append(m.verdict().json())
          .append("\">")
          .append(m.verdict().json())
          .append(m.regression() ? " (regression)" : "")
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (MetricComparison m : c.metrics()) {
      h.append("<section><h2>")
          .append(esc(m.name()))
          .append(" <span class=\"")
          .append(m.verdict().json())
          .append("\">")
          .append(m.verdict().json())
          .append("</span></h2>\n<p>")
          .append(esc(m.explanation()))
          .append("</p>\n");
      boxPlot(h, m);
      ratioPlot(h, m, c.threshold());
      h.append("</section>\n");
    }
    h.append("<script type=\"application/json\" id=\"comparison\">\n")
        // Escaped in JSON strings, "<" cannot close the script element early.
        .append(c.toJson().replace("<", "\\u003c"))
        .append("\n</script>\n</body></html>\n");
    return h.toString();
  }

  private static void boxPlot(StringBuilder h, MetricComparison m) {
    double lo = Math.min(m.a().min(), m.b().min());
    double hi = Math.max(m.a().max(), m.b().max());
    if (hi == lo) {
      hi = lo + Math.max(1e-9, Math.abs(lo) * 0.01);
      lo = lo - Math.max(1e-9, Math.abs(lo) * 0.01);
    }
    double pad = (hi - lo) * 0.05;
    Scale x = new Scale(lo - pad, hi + pad);
    h.append("<svg class=\"boxplot\" role=\"img\" width=\"")
        .append(WIDTH)
        .append("\" height=\"110\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(" 110\" xmlns=\"http://www.w3.org/2000/svg\"><title>")
        .append(esc("box plot of " + m.name() + " on A and B"))
        .append("</title>\n");
    box(h, "A", m.a(), x, 10, "#4c78a8");
    box(h, "B", m.b(), x, 50, "#f58518");
    h.append("<line x1=\"")
        .append(LEFT)
        .append("\" y1=\"90\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y2=\"90\" stroke=\"#999\"/>\n");
    h.append(text(LEFT, 105, num(x.lo) + " " + m.unit(), "start"));
    h.append(text(WIDTH - RIGHT, 105, num(x.hi) + " " + m.unit(), "end"));
    h.append("</svg>\n");
  }

  private static void box(
      StringBuilder h, String label, Summary s, Scale x, int top, String color) {
    int mid = top + 15;
    h.append(text(LEFT - 10, mid + 5, label, "end"));
    h.append(line(x.at(s.min()), mid, x.at(s.q1()), mid, "#333"));
    h.append(line(x.at(s.q3()), mid, x.at(s.max()), mid, "#333"));
    h.append(line(x.at(s.min()), top + 5, x.at(s.min()), top + 25, "#333"));
    h.append(line(x.at(s.max()), top + 5, x.at(s.max()), top + 25, "#333"));
    double w = Math.max(1, x.at(s.q3()) - x.at(s.q1()));
    h.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"30\" fill=\"%s\" fill-opacity=\"0.6\""
                + " stroke=\"#333\"/>\n",
            x.at(s.q1()),
            top,
            w,
            color));
    h.append(line(x.at(s.median()), top, x.at(s.median()), top + 30, "#000"));
  }

  private static void ratioPlot(StringBuilder h, MetricComparison m, double threshold) {
    if (Double.isNaN(m.ratio())) {
      return;
    }
    double lo = Math.min(Math.min(m.ciLow(), m.ratio()), 1 - threshold);
    double hi = Math.max(Math.max(m.ciHigh(), m.ratio()), 1 + threshold);
    double pad = (hi - lo) * 0.1;
    Scale x = new Scale(lo - pad, hi + pad);
    h.append("<svg class=\"ratio\" role=\"img\" width=\"")
        .append(WIDTH)
        .append("\" height=\"70\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(" 70\" xmlns=\"http://www.w3.org/2000/svg\"><title>")
        .append(esc("ratio B/A of " + m.name() + " with its confidence interval"))
        .append("</title>\n");
    h.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"5\" width=\"%.1f\" height=\"40\" fill=\"#eee\"/>\n",
            x.at(1 - threshold),
            x.at(1 + threshold) - x.at(1 - threshold)));
    h.append(line(x.at(1), 0, x.at(1), 50, "#999"));
    String color =
        m.verdict() == Verdict.BETTER
            ? "#1a7f37"
            : m.verdict() == Verdict.WORSE ? "#cf222e" : "#666";
    h.append(
        line(x.at(m.ciLow()), 25, x.at(m.ciHigh()), 25, color)
            .replace("/>", " stroke-width=\"4\"/>"));
    h.append(
        String.format(
            Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"25\" r=\"6\" fill=\"%s\"/>\n",
            x.at(m.ratio()),
            color));
    h.append(text(LEFT - 10, 30, "B/A", "end"));
    h.append(text(x.at(1), 63, "1.0", "middle"));
    h.append(text(LEFT, 63, String.format(Locale.ROOT, "%.3f", x.lo), "start"));
    h.append(text(WIDTH - RIGHT, 63, String.format(Locale.ROOT, "%.3f", x.hi), "end"));
    h.append("</svg>\n");
  }

  /** Maps values onto the plot's width. */
  private static final class Scale {
    final double lo;
    final double hi;

    Scale(double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
    }

    double at(double v) {
      return LEFT + (v - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
    }
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
        x1,
        y1,
        x2,
        y2,
        color);
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\">%s</text>\n",
        x,
        y,
        anchor,
        esc(s));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** {@code 0.95 -> "95%"}, {@code 0.025 -> "2.5%"}. */
  private static String pct(double fraction) {
    return java.math.BigDecimal.valueOf(fraction * 100)
            .setScale(2, java.math.RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
