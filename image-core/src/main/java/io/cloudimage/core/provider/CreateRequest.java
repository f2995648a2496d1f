package io.cloudimage.core.provider;

import io.cloudimage.core.model.Tags;

/**
 * Capture an image from a running or stopped instance, or from a snapshot.
 *
 * @param source the instance id ({@code i-…}) or snapshot id the image is made from
 * @param name the image name
 * @param description a description; may be empty
 * @param tags the image's tags
 * @param noReboot whether to capture without rebooting (faster, file systems may be inconsistent)
 */
public record CreateRequest(
    String source, String name, String description, Tags tags, boolean noReboot) {
  /** A request with no description and no tags that reboots for consistency. */
  public static CreateRequest of(String source, String name) {
    return new CreateRequest(source, name, "", Tags.EMPTY, false);
  }
}
