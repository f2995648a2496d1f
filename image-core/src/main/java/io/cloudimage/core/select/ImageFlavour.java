package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import java.util.Locale;
import java.util.Map;

/**
 * What kind of image it is, as far as a workload cares: how much is installed beyond the OS.
 *
 * <p>Read from the image: the tag {@value #TAG} when present ({@code minimal}, {@code standard},
 * {@code full}, {@code gpu}); else {@code gpu} when it ships a GPU driver, {@code minimal} when the
 * OS edition or name says minimal, {@code full} when the tag {@value #PACKAGES_TAG} lists
 * application packages; else {@code standard}.
 */
public enum ImageFlavour {
  /** A minimal base OS: small, fast to boot, little to patch. */
  MINIMAL,
  /** The vendor's standard server image. */
  STANDARD,
  /** An OS with the application packages installed (a database, a toolchain). */
  FULL,
  /** An OS with GPU drivers and an ML stack. */
  GPU;

  /** The tag that states an image's flavour. */
  public static final String TAG = "cloudimage:flavour";

  /** The tag listing application packages baked in, comma-separated. */
  public static final String PACKAGES_TAG = "cloudimage:packages";

  /** The flavour of an image. */
  public static ImageFlavour of(Image image) {
    Map<String, String> tags = image.tags().asMap();
    String tagged = tags.get(TAG);
    if (tagged != null) {
      return parse(tagged);
    }
    if (image.platform().gpuDriver() != null) {
      return GPU;
    }
    String edition = image.platform().os().edition();
    if ((edition != null && containsMinimal(edition)) || containsMinimal(image.name())) {
      return MINIMAL;
    }
    String packages = tags.get(PACKAGES_TAG);
    if (packages != null && !packages.isBlank()) {
      return FULL;
    }
    return STANDARD;
  }

  private static boolean containsMinimal(String text) {
    for (int i = 0; i + 7 <= text.length(); i++) {
      if (text.regionMatches(true, i, "minimal", 0, 7)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code minimal}, {@code standard}, {@code full} or {@code gpu}.
   *
   * @throws InvalidInputException listing them
   */
  public static ImageFlavour parse(String text) {
    // the spellings catalogs use, without case conversion
    switch (text) {
      case "minimal":
        return MINIMAL;
      case "standard":
        return STANDARD;
      case "full":
        return FULL;
      case "gpu":
        return GPU;
      default:
        break;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown image flavour '" + text + "'; use minimal, standard, full or gpu", e);
    }
  }

  /** How a reason names it. */
  public String describe() {
    switch (this) {
      case MINIMAL:
        return "a minimal base OS image";
      case STANDARD:
        return "a standard server image";
      case FULL:
        return "a full image with application packages";
      case GPU:
        return "a GPU image with drivers";
      default:
        throw new IllegalStateException(name());
    }
  }
}
