package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The operating system families cloudimage knows the lifecycle of. */
public enum OsFamily {
  UBUNTU("ubuntu"),
  DEBIAN("debian"),
  RHEL("rhel"),
  ALMALINUX("almalinux"),
  ROCKY("rocky"),
  CENTOS("centos"),
  AMAZON_LINUX("amazon-linux"),
  ALIBABA_CLOUD_LINUX("alinux"),
  SUSE("sles"),
  WINDOWS_SERVER("windows"),
  OTHER("other");

  private final String id;

  OsFamily(String id) {
    this.id = id;
  }

  /**
   * The short name used in JSON and on the command line, such as {@code ubuntu} or {@code alinux}.
   */
  public String id() {
    return id;
  }

  /**
   * Parses a family by its {@link #id()} or constant name, in any case.
   *
   * @throws InvalidInputException listing the accepted names
   */
  public static OsFamily parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (OsFamily f : values()) {
      if (f.id.equals(t) || f.name().toLowerCase(Locale.ROOT).equals(t.replace('-', '_'))) {
        return f;
      }
    }
    throw new InvalidInputException(
        "unknown OS family '"
            + text
            + "'; use one of "
            + Arrays.stream(values()).map(OsFamily::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
