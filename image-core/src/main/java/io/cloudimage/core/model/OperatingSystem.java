package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * An operating system as an image carries it.
 *
 * @param family the family, such as {@link OsFamily#UBUNTU}
 * @param version the release, such as {@code 24.04} or {@code 2023}
 * @param edition an edition such as {@code minimal} or {@code Datacenter}, or {@code null}
 */
public record OperatingSystem(OsFamily family, String version, @Nullable String edition) {
  public OperatingSystem {
    Checks.required(family, "OperatingSystem.family");
    Checks.nonBlank(version, "OperatingSystem.version");
  }

  /** An operating system without an edition. */
  public static OperatingSystem of(OsFamily family, String version) {
    return new OperatingSystem(family, version, null);
  }

  /**
   * Parses {@code FAMILY:VERSION[:EDITION]}, such as {@code ubuntu:24.04} or {@code
   * windows:2022:Datacenter}.
   *
   * @throws InvalidInputException saying which part is wrong and the accepted form
   */
  public static OperatingSystem parse(String text) {
    String[] parts = text.split(":", 3);
    if (parts.length < 2 || parts[1].isBlank()) {
      throw new InvalidInputException(
          "operating system '" + text + "' must look like FAMILY:VERSION, e.g. ubuntu:24.04");
    }
    return new OperatingSystem(
        OsFamily.parse(parts[0]), parts[1].trim(), parts.length == 3 ? parts[2].trim() : null);
  }

  /**
   * Compares dotted versions numerically ({@code 9.10} is after {@code 9.2}); non-numeric parts
   * compare as text.
   */
  public static int compareVersions(String a, String b) {
    String[] x = a.split("[.\\-]");
    String[] y = b.split("[.\\-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c;
      if (p.matches("\\d{1,18}") && q.matches("\\d{1,18}")) {
        c = Long.compare(Long.parseLong(p), Long.parseLong(q));
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return family.id() + ":" + version + (edition == null ? "" : ":" + edition);
  }
}
