package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;

/**
 * Where an image lives and what its provider calls it.
 *
 * @param provider the provider's name: {@code local}, {@code aws} or {@code aliyun}
 * @param region the region, such as {@code eu-west-1} or {@code cn-hangzhou}; {@code local} for the
 *     local provider
 * @param nativeId the provider's own id: {@code ami-…}, {@code m-…} or the local {@code img-…}
 */
public record ImageId(String provider, String region, String nativeId) {
  public ImageId {
    Checks.nonBlank(provider, "ImageId.provider");
    Checks.nonBlank(region, "ImageId.region");
    Checks.nonBlank(nativeId, "ImageId.nativeId");
  }

  /**
   * Parses the {@code provider/region/nativeId} form that {@link #toString()} writes.
   *
   * @throws InvalidInputException when the text has not three non-empty parts
   */
  public static ImageId parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length != 3) {
      throw new InvalidInputException(
          "image id '"
              + text
              + "' must look like provider/region/nativeId, e.g. aws/eu-west-1/ami-0abc");
    }
    return new ImageId(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return provider + "/" + region + "/" + nativeId;
  }
}
