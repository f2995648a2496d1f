package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The five things every candidate image is scored on, 0 to 100 each. */
public enum Dimension {
  /** Support time left, release cadence, licence cost. */
  OS("os"),
  /** Architecture, CPU features, GPU and driver, and how well an instance type fits. */
  HARDWARE("hardware"),
  /**
   * Boot time, image size, recorded benchmarks, and whether the image is the kind the workload
   * wants.
   */
  PERFORMANCE("performance"),
  /** Verified publisher, signature, days since last patch, known vulnerabilities. */
  SECURITY("security"),
  /** Storage by tier and size, licence, instance price per month. */
  COST("cost");

  private final String id;

  Dimension(String id) {
    this.id = id;
  }

  /** The name in JSON and on the command line. */
  public String id() {
    return id;
  }

  /**
   * Parses a dimension by its {@link #id()}.
   *
   * @throws InvalidInputException listing the names
   */
  public static Dimension parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Dimension d : values()) {
      if (d.id.equals(t)) {
        return d;
      }
    }
    throw new InvalidInputException(
        "unknown dimension '"
            + text
            + "'; use one of "
            + Arrays.stream(values()).map(Dimension::id).collect(Collectors.joining(", ")));
  }
}
