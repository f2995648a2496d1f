package io.cloudimage.core.format;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** A raw disk image: the file's bytes are the disk's bytes. */
public final class RawDisk implements VirtualDisk {
  private final Path file;
  private final FileChannel channel;
  private final long size;

  private RawDisk(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  /**
   * Opens a file as a raw disk.
   *
   * @throws InvalidInputException when it is missing or unreadable, naming it
   */
  public static RawDisk open(Path file) {
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      return new RawDisk(file, ch, ch.size());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.RAW;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    if (offset >= size) {
      return -1;
    }
    int start = dst.position();
    long pos = offset;
    try {
      while (dst.hasRemaining() && pos < size) {
        int n = channel.read(dst, pos);
        if (n < 0) {
          break; // the file shrank under us: the rest reads as end of disk
        }
        pos += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": read at " + pos + " failed", e);
    }
    return dst.position() - start;
  }

  @Override
  public List<Extent> extents() {
    return size == 0 ? List.of() : List.of(new Extent(0, size));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": close failed", e);
    }
  }
}
