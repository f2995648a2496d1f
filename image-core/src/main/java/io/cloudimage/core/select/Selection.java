package io.cloudimage.core.select;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.json.internal.JsonTrees;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ImageSelector#select} found: the recommendation (absent when nothing met the
 * requirements), the best candidates in rank order, and the excluded ones with their reasons.
 *
 * @param scenario the scenario selected for
 * @param recommendation the answer, or {@code null} when every candidate was excluded
 * @param ranked the best candidates, best first, at most {@code top} of them
 * @param excluded excluded candidates with reasons, in input order, at most {@code maxExcluded}
 * @param candidates how many candidates were read
 * @param excludedCount how many were excluded (may exceed {@code excluded.size()})
 */
public record Selection(
    Scenario scenario,
    @Nullable Recommendation recommendation,
    List<RankedImage> ranked,
    List<Exclusion> excluded,
    long candidates,
    long excludedCount) {
  public Selection {
    ranked = List.copyOf(ranked);
    excluded = List.copyOf(excluded);
  }

  /** The recommendation, when there is one. */
  public Optional<Recommendation> best() {
    return Optional.ofNullable(recommendation);
  }

  /** Whether no candidate met the requirements (the command line exits 1). */
  public boolean nothingSuitable() {
    return recommendation == null;
  }

  /**
   * The result in the command line's {@code select --json} shape:
   *
   * <pre>{@code
   * {"scenario":"microservice",
   *  "recommendation":{"image","imageName","instanceType","storage":{"tier","strategy"},
   *                    "monthlyCompute":{"onDemand","reserved","breakEvenHoursPerMonth"}} | null,
   *  "ranked":[{"image","name","score","instanceType",
   *             "dimensions":{"os","hardware","performance","security","cost"},"reasons":[]}],
   *  "excluded":[{"image","reason"}], "candidates":N, "excludedCount":N}
   * }</pre>
   *
   * {@code image} is the provider's own id; scores have one decimal. The text is pretty-printed, as
   * the command line prints it, without a trailing newline.
   */
  public String toJson() {
    ObjectNode root = JsonTrees.object();
    root.put("scenario", scenario.name());
    Recommendation r = recommendation;
    if (r == null) {
      root.putNull("recommendation");
    } else {
      ObjectNode rec = root.putObject("recommendation");
      rec.put("image", r.image().nativeId());
      rec.put("imageName", r.image().name());
      rec.put("instanceType", r.instanceType().name());
      ObjectNode storage = rec.putObject("storage");
      storage.put("tier", r.storage().tier().name());
      storage.put("strategy", r.storage().strategy().id());
      ObjectNode compute = rec.putObject("monthlyCompute");
      compute.put("onDemand", r.compute().onDemandMonthly().rounded().toString());
      compute.put("reserved", r.compute().reservedMonthly().rounded().toString());
      compute.put("breakEvenHoursPerMonth", r.compute().breakEvenHoursPerMonth());
    }
    ArrayNode list = root.putArray("ranked");
    for (RankedImage ri : ranked) {
      ObjectNode n = list.addObject();
      n.put("image", ri.image().nativeId());
      n.put("name", ri.image().name());
      n.put("score", round(ri.score()));
      n.put("instanceType", ri.instanceType().name());
      ObjectNode dims = n.putObject("dimensions");
      for (Dimension d : Dimension.values()) {
        dims.put(d.id(), round(ri.dimension(d).score()));
      }
      ArrayNode reasons = n.putArray("reasons");
      ri.reasons().forEach(reasons::add);
    }
    ArrayNode ex = root.putArray("excluded");
    for (Exclusion e : excluded) {
      ObjectNode n = ex.addObject();
      n.put("image", e.image().nativeId());
      n.put("reason", e.reason());
    }
    root.put("candidates", candidates);
    root.put("excludedCount", excludedCount);
    return JsonTrees.pretty(root);
  }

  static BigDecimal round(double score) {
    return BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP);
  }
}
