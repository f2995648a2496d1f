package io.cloudimage.core.select;

import io.cloudimage.core.model.ImageId;

/**
 * A candidate that missed a hard requirement.
 *
 * @param image the image
 * @param reason every requirement it missed, separated by {@code "; "}
 */
public record Exclusion(ImageId image, String reason) implements Evaluation {
  @Override
  public ImageId imageId() {
    return image;
  }
}
