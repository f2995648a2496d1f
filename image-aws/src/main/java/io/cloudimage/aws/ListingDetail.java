package io.cloudimage.aws;

/** How much each listed image is described beyond what DescribeImages answers. */
public enum ListingDetail {
  /**
   * Each image's launch permissions are described (one more call per image), so that a privately
   * shared image lists as shared.
   */
  WITH_SHARING,
  /**
   * Only DescribeImages: public images list as shared, privately shared ones only once {@code
   * describe} is called. For very large accounts where one call per image is too many.
   */
  IMAGES_ONLY
}
