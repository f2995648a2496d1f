package io.cloudimage.security.pgp.internal;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines of bytes (without the line feed) with a cap on line length, tracking line numbers and
 * offsets for error messages. Not thread-safe.
 */
public final class LineReader {
  private final InputStream in;
  private final String what;
  private final int maxLine;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long offset;
  private long lineNumber;
  private byte[] line = new byte[256];
  private boolean endedWithNewline;

  /**
   * @param what names the input in messages, such as the file name
   * @param maxLine the longest line accepted, in bytes
   */
  public LineReader(InputStream in, String what, int maxLine) {
    this.in = in;
    this.what = what;
    this.maxLine = maxLine;
  }

  /** The input's name for messages. */
  public String what() {
    return what;
  }

  /** The 1-based number of the line last returned. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The offset just past the line last returned. */
  public long offset() {
    return offset;
  }

  /** Whether the line last returned was ended by a line feed (false only for the last line). */
  public boolean endedWithNewline() {
    return endedWithNewline;
  }

  /** The next line without its line feed, or {@code null} at the end of the input. */
  public byte @Nullable [] next() {
    int length = 0;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!any) {
          return null;
        }
        endedWithNewline = false;
        break;
      }
      any = true;
      byte b = buffer[position++];
      offset++;
      if (b == '\n') {
        endedWithNewline = true;
        break;
      }
      if (length == maxLine) {
        throw new CorruptDataException(
            null,
            offset,
            what + " line " + (lineNumber + 1) + " is longer than " + maxLine + " bytes");
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(maxLine, line.length * 2));
      }
      line[length++] = b;
    }
    lineNumber++;
    return Arrays.copyOf(line, length);
  }

  private boolean fill() {
    try {
      int n = in.read(buffer);
      if (n <= 0) {
        return false;
      }
      position = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }
}
