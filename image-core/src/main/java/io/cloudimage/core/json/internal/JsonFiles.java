package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads JSON files with clear errors and writes them atomically: to a temporary file in the same
 * folder, fsync'd, then renamed over the target, so a reader sees the old file or the new one,
 * never half of one.
 */
public final class JsonFiles {
  private JsonFiles() {}

  /**
   * Reads a JSON document strictly (see {@link StrictJson}).
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException when it is not JSON or breaks a limit, naming the file and line
   */
  public static JsonNode read(Path file) {
    return StrictJson.readJson(file).root();
  }

  /**
   * The error for text that is not valid JSON or breaks a limit (a duplicate key, too deep, a
   * string too long), naming the source, line and column.
   *
   * @param source names the input, such as a file path
   */
  public static InvalidInputException notJson(
      String source, com.fasterxml.jackson.core.JsonProcessingException e) {
    return StrictJson.error(source, e);
  }

  /** Writes {@code node} to {@code target} atomically (pretty-printed). */
  public static void writeAtomically(Path target, JsonNode node) {
    writeAtomically(
        target, out -> StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValue(out, node));
  }

  /** Writes what {@code body} writes to {@code target} atomically. */
  public static void writeAtomically(Path target, Body body) {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null) {
      throw new InvalidInputException(target + " names no file inside a folder");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        body.write(new NonClosingOutputStream(out));
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      fsyncDirectory(dir);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new AccessDeniedException(target + " cannot be written: permission denied", e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary name is never read as a result; a leftover is harmless
        }
      }
    }
  }

  /** Makes a rename in {@code dir} durable; a no-op where directories cannot be opened. */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename itself is still atomic there.
    }
  }

  /** Writes a file's body. */
  @FunctionalInterface
  public interface Body {
    /** Writes to {@code out}, which must not be closed. */
    void write(OutputStream out) throws IOException;
  }

  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
