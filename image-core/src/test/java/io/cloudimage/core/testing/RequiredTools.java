package io.cloudimage.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tests that need an outside tool (fio, qemu-img, gpg, the AWS emulator) ask here first. On a
 * developer's machine without the tool the test is skipped; where {@code CI} is set, a missing tool
 * fails the test, so a green CI run can never hide a test that did not run.
 */
public final class RequiredTools {
  private RequiredTools() {}

  /** Whether this run is under CI ({@code CI} set to anything but {@code false}). */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  /** Returns the tool's path on {@code PATH}; skips the test (fails it in CI) when absent. */
  public static Path command(String name) {
    Optional<Path> found = findOnPath(name);
    if (found.isEmpty()) {
      missing(name + " is not on PATH; scripts/test.sh installs it");
    }
    return found.orElseThrow();
  }

  /** Returns the AWS emulator's URL that scripts/test.sh exports; skips or fails when unset. */
  public static String awsEndpoint() {
    String endpoint = System.getenv("CLOUDIMAGE_AWS_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      missing("CLOUDIMAGE_AWS_ENDPOINT is not set; run the tests with scripts/test.sh");
    }
    return endpoint;
  }

  private static void missing(String why) {
    if (inCi()) {
      fail(why);
    }
    assumeTrue(false, why);
  }

  private static Optional<Path> findOnPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
