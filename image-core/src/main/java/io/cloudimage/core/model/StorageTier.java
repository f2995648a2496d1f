package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Locale;

/**
 * How hot the storage under an image or snapshot is. Each tier has a {@link
 * io.cloudimage.core.pricing.TierProfile} per provider and region: hotter tiers are faster and
 * dearer per GB-month; colder ones charge a minimum stay and a retrieval price.
 */
public enum StorageTier {
  HOT,
  WARM,
  COLD,
  ARCHIVE;

  /**
   * Parses {@code hot}, {@code warm}, {@code cold} or {@code archive}, in any case.
   *
   * @throws InvalidInputException listing the accepted names
   */
  public static StorageTier parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown storage tier '" + text + "'; use hot, warm, cold or archive", e);
    }
  }

  /** The lower-case name used for folders and the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
