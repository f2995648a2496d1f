package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Locale;

/** The instruction set an image boots on. */
public enum Architecture {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The name used in JSON and on the command line: {@code x86_64} or {@code arm64}. */
  public String id() {
    return id;
  }

  /**
   * Parses {@code x86_64}/{@code amd64} or {@code arm64}/{@code aarch64}, in any case.
   *
   * @throws InvalidInputException naming the accepted values
   */
  public static Architecture parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "x86_64":
      case "amd64":
      case "x64":
        return X86_64;
      case "arm64":
      case "aarch64":
        return ARM64;
      default:
        throw new InvalidInputException(
            "unknown architecture '" + text + "'; use x86_64 (amd64) or arm64 (aarch64)");
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
