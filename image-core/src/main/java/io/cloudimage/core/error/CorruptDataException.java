package io.cloudimage.core.error;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Bytes that do not follow their format: a truncated file, a bad magic number, an absurd length.
 * Names the file (when known) and the byte offset where reading failed.
 */
public class CorruptDataException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Path file;
  private final long offset;

  /**
   * @param file the file being read, or {@code null} for a stream
   * @param offset the byte offset of the problem, or {@code -1} when unknown
   * @param problem what was wrong, such as {@code "qcow2 cluster_bits 40 is outside 9..21"}
   */
  public CorruptDataException(@Nullable Path file, long offset, String problem) {
    this(file, offset, problem, null);
  }

  public CorruptDataException(
      @Nullable Path file, long offset, String problem, @Nullable Throwable cause) {
    super(describe(file, offset, problem), cause);
    this.file = file;
    this.offset = offset;
  }

  private static String describe(@Nullable Path file, long offset, String problem) {
    StringBuilder where = new StringBuilder();
    if (file != null) {
      where.append(file);
    }
    if (offset >= 0) {
      where.append(where.length() > 0 ? " at offset " : "at offset ").append(offset);
    }
    return where.length() == 0 ? problem : where + ": " + problem;
  }

  /** The file being read, or {@code null} for a stream. */
  public @Nullable Path file() {
    return file;
  }

  /** The byte offset where reading failed, or {@code -1} when unknown. */
  public long offset() {
    return offset;
  }
}
