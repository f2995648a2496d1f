package io.cloudimage.core.catalog;

import io.cloudimage.core.error.InvalidInputException;

/**
 * The accelerators of an instance type.
 *
 * @param model the GPU model, such as {@code NVIDIA T4}
 * @param count how many, at least one
 */
public record Gpu(String model, int count) {
  public Gpu {
    if (model.isBlank() || count < 1) {
      throw new InvalidInputException(
          "Gpu needs a model and a count >= 1, was '" + model + "' x " + count);
    }
  }
}
