package io.cloudimage.security.pgp;

import io.cloudimage.core.error.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * Writes verified content next to its destination and moves it into place only when the
 * verification holds, so a failed check never leaves a file under the name the caller asked for.
 */
final class OutputFile {
  private OutputFile() {}

  interface Body {
    VerificationResult write(OutputStream out) throws IOException;
  }

  /** Writes a whole output. */
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} through a hidden temporary file in its folder and renames it into place
   * only when {@code writer} returns normally; any exception leaves no file under that name.
   */
  static void writeAtomically(Path target, Writer writer) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.write(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort: the partial file has a hidden name and will not be mistaken for output.
        }
      }
    }
  }

  static VerificationResult produce(@Nullable Path target, Body body) {
    if (target == null) {
      try {
        return body.write(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new InvalidInputException("cannot read the signed content: " + e.getMessage(), e);
      }
    }
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
      VerificationResult result;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        result = body.write(out);
      }
      if (result.valid()) {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        temp = null;
      }
      return result;
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort: the partial file has a hidden name and will not be mistaken for output.
        }
      }
    }
  }
}
