package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate that met every requirement, with its scores and the instance type it would run on.
 *
 * @param image the image
 * @param score the weighted total, 0 to 100
 * @param dimensions each dimension's score and reasons
 * @param instanceType the instance type chosen for it
 */
public record RankedImage(
    Image image, double score, Map<Dimension, DimensionScore> dimensions, InstanceType instanceType)
    implements Evaluation {
  public RankedImage {
    dimensions = Collections.unmodifiableMap(new EnumMap<>(dimensions));
  }

  @Override
  public ImageId imageId() {
    return image.id();
  }

  /** One dimension's score. */
  public DimensionScore dimension(Dimension d) {
    DimensionScore s = dimensions.get(d);
    if (s == null) {
      throw new IllegalStateException("no score for " + d);
    }
    return s;
  }

  /** Every reason, each prefixed with its dimension ({@code "os: standard support until …"}). */
  public List<String> reasons() {
    List<String> out = new ArrayList<>();
    for (DimensionScore s : dimensions.values()) {
      for (String r : s.reasons()) {
        out.add(s.dimension().id() + ": " + r);
      }
    }
    return out;
  }
}
