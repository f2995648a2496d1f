package io.cloudimage.core.select;

import io.cloudimage.core.model.Image;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Judges candidates for one selection run: the {@link ExclusionRules} decide whether an image is a
 * candidate, {@link InstanceFitting} chooses its instance type, and one {@link DimensionScorer} per
 * dimension scores it. Not thread-safe: the parts cache look-ups that repeat across thousands of
 * candidates. Reasons are only written for the candidates that are kept.
 */
final class Evaluator {
  private final Weights weights;
  private final InstanceFitting fitting;
  private final ExclusionRules rules;

  /** In {@link Dimension} order, the order the total adds them up in. */
  private final List<DimensionScorer> scorers;

  Evaluator(ImageSelector selector) {
    SelectionRun run = new SelectionRun(selector);
    this.weights = selector.weights();
    this.fitting = new InstanceFitting(run);
    this.rules = new ExclusionRules(run, fitting);
    this.scorers =
        List.of(
            new OsScorer(run),
            new HardwareScorer(run),
            new PerformanceScorer(run),
            new SecurityScorer(run),
            new CostScorer(run));
  }

  /**
   * The reasons the image is excluded, or {@code null} when it is a candidate. With {@code explain}
   * false, a fixed text stands for the reasons (the caller only counts).
   */
  @Nullable String exclusion(Image image, boolean explain) {
    return rules.exclusion(image, explain);
  }

  /** The instance type an image runs on, or {@code null} when none in the catalog can. */
  @Nullable InstanceFit fit(Image image) {
    return fitting.fit(image);
  }

  /** The weighted mean of the dimension scores, without writing reasons. */
  double total(Image image, InstanceFit fit) {
    double sum = 0;
    for (DimensionScorer scorer : scorers) {
      sum += weights.get(scorer.dimension()) * scorer.score(image, fit, null);
    }
    return sum / weights.sum();
  }

  /** The image's scores with their reasons. */
  RankedImage ranked(Image image, InstanceFit fit) {
    Map<Dimension, DimensionScore> dims = new EnumMap<>(Dimension.class);
    for (DimensionScorer scorer : scorers) {
      List<String> why = new ArrayList<>();
      double score = scorer.score(image, fit, why);
      dims.put(scorer.dimension(), new DimensionScore(scorer.dimension(), score, why));
    }
    return new RankedImage(image, total(image, fit), dims, fit.type());
  }
}
