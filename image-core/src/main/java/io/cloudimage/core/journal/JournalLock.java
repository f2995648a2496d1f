package io.cloudimage.core.journal;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.ConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one-writer lock of a journal directory: an OS lock on {@value #FILE_NAME}, which the kernel
 * drops when the holding process dies (so a killed apply never leaves a stale lock), plus a set of
 * the directories this process holds, because the OS lock does not exclude threads of one process.
 */
final class JournalLock implements AutoCloseable {
  /** The lock file's name inside the journal directory. */
  static final String FILE_NAME = "journal.lock";

  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
  private static final long POLL_MILLIS = 50;

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private JournalLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir}, waiting at most {@code wait}.
   *
   * @throws ConflictException when another writer holds it all that time
   */
  static JournalLock acquire(Path dir, Duration wait) {
    Path key = dir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE_NAME);
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (HELD.add(key)) {
        FileChannel ch = null;
        try {
          ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock l = ch.tryLock();
          if (l != null) {
            return new JournalLock(key, ch, l);
          }
        } catch (OverlappingFileLockException e) {
          // Held through another channel of this process: wait like for any other writer.
        } catch (IOException e) {
          HELD.remove(key);
          closeQuietly(ch);
          throw new UncheckedIOException("locking journal " + file, e);
        }
        closeQuietly(ch);
        HELD.remove(key);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new ConflictException(
            "journal "
                + dir
                + " is being written by another apply (it holds "
                + file
                + "); wait for it to finish and run again, or use another --journal");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("interrupted while waiting for the lock of journal " + dir);
      }
    }
  }

  private static void closeQuietly(@Nullable FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing was locked through it
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("unlocking journal", e);
    } finally {
      HELD.remove(key);
    }
  }
}
