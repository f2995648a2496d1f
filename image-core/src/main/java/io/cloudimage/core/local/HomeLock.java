package io.cloudimage.core.local;

import io.cloudimage.core.error.CloudImageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writers of one home: a JVM-wide lock per home (file locks are held per process, so
 * threads must queue first) and an exclusive {@link FileLock} on {@code .lock} against other
 * processes.
 */
final class HomeLock {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final Path lockFile;
  private final ReentrantLock threads;

  HomeLock(Path home) {
    this.lockFile = home.resolve(".lock");
    this.threads =
        IN_PROCESS.computeIfAbsent(home.toAbsolutePath().normalize(), p -> new ReentrantLock());
  }

  /** Holds the lock while {@code body} runs. Re-entrant within a thread. */
  <T> T locked(IoSupplier<T> body) {
    threads.lock();
    try {
      if (threads.getHoldCount() > 1) {
        return body.get();
      }
      if (Files.isSymbolicLink(lockFile)) {
        throw Confinement.linkRefused(lockFile, "lock file");
      }
      try (FileChannel ch =
              FileChannel.open(
                  lockFile,
                  java.util.Set.of(
                      StandardOpenOption.CREATE,
                      StandardOpenOption.WRITE,
                      LinkOption.NOFOLLOW_LINKS),
                  Confinement.ownerOnlyFile());
          FileLock ignored = ch.lock()) {
        return body.get();
      }
    } catch (IOException e) {
      throw new CloudImageException(
          "local home " + lockFile.getParent() + ": " + e.getMessage(), e);
    } finally {
      threads.unlock();
    }
  }

  /** Holds the lock while {@code body} runs. */
  void run(IoRunnable body) {
    locked(
        () -> {
          body.run();
          return Boolean.TRUE;
        });
  }

  /** A body without a result that may throw {@link IOException}. */
  @FunctionalInterface
  interface IoRunnable {
    void run() throws IOException;
  }

  /** A body that may throw {@link IOException}. */
  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws IOException;
  }
}
