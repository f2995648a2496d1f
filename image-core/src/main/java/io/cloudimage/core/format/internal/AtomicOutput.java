package io.cloudimage.core.format.internal;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.output.OutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An output file written under a temporary name beside its target and renamed into place by {@link
 * #commit()}: a failed or interrupted write never leaves a half-written file under the final name.
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  /**
   * Starts writing {@code target}.
   *
   * @param inputs files being read to make it; the target may not be one of them
   * @throws InvalidInputException when the target is an input or its folder cannot be written
   */
  public static AtomicOutput create(Path target, Path... inputs) {
    OutputFile.requireDistinct(target, List.of(inputs));
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    try {
      Path temp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
      FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
      return new AtomicOutput(abs, temp, ch);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write beside " + target + ": " + e.getMessage(), e);
    }
  }

  /** The channel to write the content through. */
  public FileChannel channel() {
    return channel;
  }

  /** Writes all of {@code src} at {@code position}. */
  public void write(long position, ByteBuffer src) {
    long pos = position;
    try {
      while (src.hasRemaining()) {
        pos += channel.write(src, pos);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(temp + ": write failed", e);
    }
  }

  /** Flushes the content and gives the file its final name. */
  public void commit() {
    try {
      channel.force(true);
      channel.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + temp + " to " + target, e);
    }
  }

  /** Removes the temporary file unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      channel.close();
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + temp, e);
    }
  }
}
