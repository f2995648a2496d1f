package io.cloudimage.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Atomic JSON file writes and strict-read errors.
 *
 * @deprecated moved to {@code io.cloudimage.core.json.internal.JsonFiles}; this forwarding class is
 *     kept only until the remaining callers inside cloudimage import that one, then removed.
 */
@Deprecated(forRemoval = true)
public final class JsonFiles {
  private JsonFiles() {}

  /** See {@code io.cloudimage.core.json.internal.JsonFiles#notJson}. */
  public static InvalidInputException notJson(String source, JsonProcessingException e) {
    return io.cloudimage.core.json.internal.JsonFiles.notJson(source, e);
  }

  /** See {@code io.cloudimage.core.json.internal.JsonFiles#writeAtomically(Path, JsonNode)}. */
  public static void writeAtomically(java.nio.file.Path target, JsonNode node) {
    io.cloudimage.core.json.internal.JsonFiles.writeAtomically(target, node);
  }

  /** See {@code io.cloudimage.core.json.internal.JsonFiles#writeAtomically(Path, Body)}. */
  public static void writeAtomically(java.nio.file.Path target, Body body) {
    io.cloudimage.core.json.internal.JsonFiles.writeAtomically(target, body::write);
  }

  /** See {@code io.cloudimage.core.json.internal.JsonFiles#fsyncDirectory}. */
  public static void fsyncDirectory(java.nio.file.Path dir) {
    io.cloudimage.core.json.internal.JsonFiles.fsyncDirectory(dir);
  }

  /** Writes a file's body. */
  @FunctionalInterface
  public interface Body {
    /** Writes to {@code out}, which must not be closed. */
    void write(OutputStream out) throws IOException;
  }
}
