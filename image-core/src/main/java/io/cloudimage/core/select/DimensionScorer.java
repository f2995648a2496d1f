package io.cloudimage.core.select;

import io.cloudimage.core.model.Image;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Scores candidates on one {@link Dimension}, 0 to 100. Reasons are written only when a list is
 * passed, so ranking many candidates builds texts only for the few that are kept; the score must be
 * the same either way.
 */
interface DimensionScorer {
  /** The dimension scored. */
  Dimension dimension();

  /**
   * The image's score on it, running on {@code fit}.
   *
   * @param why where to add the reasons, in the order they were judged, or {@code null}
   */
  double score(Image image, InstanceFit fit, @Nullable List<String> why);
}
