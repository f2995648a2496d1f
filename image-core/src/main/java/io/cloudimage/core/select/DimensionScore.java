package io.cloudimage.core.select;

import java.util.List;

/**
 * One dimension's score of one image, with why.
 *
 * @param dimension the dimension
 * @param score 0 (worst) to 100 (best)
 * @param reasons what raised or lowered the score, in the order it was judged
 */
public record DimensionScore(Dimension dimension, double score, List<String> reasons) {
  public DimensionScore {
    reasons = List.copyOf(reasons);
  }
}
