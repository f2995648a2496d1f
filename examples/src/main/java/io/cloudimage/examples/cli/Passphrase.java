package io.cloudimage.examples.cli;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a passphrase comes from: a file or an environment variable, never the command line (which
 * other users can read in the process list).
 */
final class Passphrase {
  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "Read the passphrase from the first line of FILE.")
  @Nullable Path file;

  @Option(
      names = "--passphrase-env",
      paramLabel = "VAR",
      description = "Read the passphrase from environment variable VAR.")
  @Nullable String env;

  /** The passphrase of an optional option group, or {@code null} when none was given. */
  static char @Nullable [] of(@Nullable Passphrase options) {
    return options == null ? null : options.read();
  }

  /** The passphrase, or {@code null} when none was given. */
  char @Nullable [] read() {
    Path f = file;
    if (f != null) {
      try {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replace("\r", "").toCharArray();
      } catch (IOException e) {
        throw new InvalidInputException(
            "passphrase file " + f + " cannot be read: " + e.getMessage(), e);
      }
    }
    String name = env;
    if (name != null) {
      String value = System.getenv(name);
      if (value == null) {
        throw new InvalidInputException(
            "environment variable " + name + " (--passphrase-env) is not set");
      }
      return value.toCharArray();
    }
    return null;
  }
}
