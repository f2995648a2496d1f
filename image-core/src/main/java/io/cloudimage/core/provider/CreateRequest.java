package io.cloudimage.core.provider;

import io.cloudimage.core.model.Tags;
import org.jspecify.annotations.Nullable;

/**
 * Capture an image from a running or stopped instance, or from a snapshot.
 *
 * @param source the instance id ({@code i-…}) or snapshot id the image is made from
 * @param name the image name
 * @param description a description; may be empty
 * @param tags the image's tags
 * @param noReboot whether to capture without rebooting (faster, file systems may be inconsistent)
 * @param family the image family the image joins, or {@code null}; a provider with family limits
 *     (ECS: 100 images a family, 100 families a region) checks them before creating
 */
public record CreateRequest(
    String source,
    String name,
    String description,
    Tags tags,
    boolean noReboot,
    @Nullable String family) {
  /** A request without a family. */
  public CreateRequest(
      String source, String name, String description, Tags tags, boolean noReboot) {
    this(source, name, description, tags, noReboot, null);
  }

  /** A request with no description and no tags that reboots for consistency. */
  public static CreateRequest of(String source, String name) {
    return new CreateRequest(source, name, "", Tags.EMPTY, false, null);
  }

  /** This request into a family ({@code null}: none). */
  public CreateRequest withFamily(@Nullable String newFamily) {
    return new CreateRequest(source, name, description, tags, noReboot, newFamily);
  }
}
