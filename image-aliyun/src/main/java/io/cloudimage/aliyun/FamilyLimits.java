package io.cloudimage.aliyun;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The image-family quotas, checked before an image is created into a family or moved into one.
 *
 * @param imagesPerFamily the most images one family holds (ECS: 100)
 * @param familiesPerRegion the most families one region holds (ECS: 100)
 */
public record FamilyLimits(int imagesPerFamily, int familiesPerRegion) {
  /** The service's quotas. */
  public static final FamilyLimits ECS = new FamilyLimits(100, 100);

  // 2-128 characters, starting with a letter, not with aliyun or acs:, no http(s)://.
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z\\u4e00-\\u9fa5][\\w.:\\-\\u4e00-\\u9fa5]{1,127}");

  /** Checks a family name's form. */
  public static void checkName(String family) {
    if (!NAME.matcher(family).matches()
        || family.startsWith("aliyun")
        || family.startsWith("acs:")
        || family.contains("://")) {
      throw new InvalidInputException(
          "'"
              + family
              + "' is not an ECS image family name: 2-128 characters, starting with a letter, not"
              + " with aliyun or acs:, letters, digits, '.', '_', '-' and ':' only");
    }
  }

  /**
   * Checks that one more image fits {@code family}.
   *
   * @param sizes how many images each family of the region holds now
   * @throws EcsQuotaExceededException naming the quota that would be exceeded
   */
  public void checkRoomFor(String family, Map<String, Integer> sizes) {
    int inFamily = sizes.getOrDefault(family, 0);
    if (inFamily + 1 > imagesPerFamily) {
      throw new EcsQuotaExceededException(
          "images per family",
          imagesPerFamily,
          inFamily + 1,
          "one more image in family " + family + "; delete old images of the family first");
    }
    if (inFamily == 0 && sizes.size() + 1 > familiesPerRegion) {
      throw new EcsQuotaExceededException(
          "families per region",
          familiesPerRegion,
          sizes.size() + 1,
          "a new family " + family + "; reuse an existing family or retire one");
    }
  }
}
