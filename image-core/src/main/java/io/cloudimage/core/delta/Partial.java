package io.cloudimage.core.delta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary files beside a destination: same folder, so that the final rename is atomic, and a
 * hidden name, so that nothing half written is ever found under the destination's name.
 */
final class Partial {
  private Partial() {}

  static Path beside(Path destination) throws IOException {
    Path abs = destination.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null) {
      throw new IOException(destination + " has no parent folder");
    }
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: a leftover hidden .part file does not carry the destination's name.
    }
  }
}
