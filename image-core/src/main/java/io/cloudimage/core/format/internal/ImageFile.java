package io.cloudimage.core.format.internal;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only window on a file: the whole file, or a member of an archive read in place. Every read
 * is bounded by the window, and a read that would pass its end is a {@link CorruptDataException}
 * naming the format, the absolute file offset and what was being read.
 */
public final class ImageFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final long base;
  private final long length;
  private final boolean owner;

  private ImageFile(Path path, FileChannel channel, long base, long length, boolean owner) {
    this.path = path;
    this.channel = channel;
    this.base = base;
    this.length = length;
    this.owner = owner;
  }

  /**
   * Opens a whole file.
   *
   * @throws InvalidInputException when it is missing or unreadable
   */
  public static ImageFile open(Path path) {
    try {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      return new ImageFile(path, ch, 0, ch.size(), true);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(path + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(path + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * A window of {@code length} bytes at {@code offset} of this one; closing it leaves this open.
   */
  public ImageFile slice(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > this.length) {
      throw new IllegalArgumentException("slice " + offset + "+" + length + " of " + this.length);
    }
    return new ImageFile(path, channel, base + offset, length, false);
  }

  /** The file on disk. */
  public Path path() {
    return path;
  }

  /** Where the window starts in the file. */
  public long base() {
    return base;
  }

  /** The window's length in bytes. */
  public long size() {
    return length;
  }

  /** A corruption report at {@code offset} of this window, naming the format. */
  public CorruptDataException corrupt(String format, long offset, String problem) {
    return new CorruptDataException(path, base + offset, format + ": " + problem);
  }

  /**
   * Reads {@code n} bytes at {@code offset} into a new buffer of the given byte order.
   *
   * @throws CorruptDataException when the bytes are not all there
   */
  public ByteBuffer read(String format, long offset, int n, String what, ByteOrder order) {
    ByteBuffer buf = ByteBuffer.allocate(n).order(order);
    readFully(format, offset, buf, what);
    buf.flip();
    return buf;
  }

  /**
   * Fills {@code dst} from {@code offset}.
   *
   * @throws CorruptDataException when the window ends first
   */
  public void readFully(String format, long offset, ByteBuffer dst, String what) {
    int want = dst.remaining();
    if (offset < 0 || offset > length || want > length - offset) {
      throw corrupt(
          format,
          offset,
          what
              + " ("
              + want
              + " bytes) runs past the end of the file, which has "
              + length
              + " bytes; the file is truncated or its tables are damaged");
    }
    long pos = offset;
    try {
      while (dst.hasRemaining()) {
        int n = channel.read(dst, base + pos);
        if (n < 0) {
          throw corrupt(format, pos, what + ": the file ended early while reading");
        }
        pos += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": read at " + (base + pos) + " failed", e);
    }
  }

  /** Reads up to {@code dst.remaining()} bytes, fewer at the window's end; zero past it. */
  public int readSome(long offset, ByteBuffer dst) {
    if (offset >= length) {
      return 0;
    }
    int start = dst.position();
    int saved = dst.limit();
    if (dst.remaining() > length - offset) {
      dst.limit(start + (int) (length - offset));
    }
    long pos = offset;
    try {
      while (dst.hasRemaining()) {
        int n = channel.read(dst, base + pos);
        if (n < 0) {
          break;
        }
        pos += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": read at " + (base + pos) + " failed", e);
    } finally {
      dst.limit(saved);
    }
    return dst.position() - start;
  }

  @Override
  public void close() {
    if (!owner) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": close failed", e);
    }
  }
}
