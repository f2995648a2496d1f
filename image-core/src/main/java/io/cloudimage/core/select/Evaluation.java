package io.cloudimage.core.select;

import io.cloudimage.core.model.ImageId;

/**
 * One image judged alone by {@link ImageSelector#evaluate}: either it met every requirement and was
 * scored ({@link RankedImage}), or it missed one ({@link Exclusion}).
 *
 * <pre>{@code
 * Evaluation e = selector.evaluate(image);
 * if (e instanceof RankedImage r) {
 *   System.out.println(r.score());
 * } else if (e instanceof Exclusion x) {
 *   System.out.println("excluded: " + x.reason());
 * }
 * }</pre>
 */
public sealed interface Evaluation permits RankedImage, Exclusion {
  /** The id of the image judged. */
  ImageId imageId();
}
