package io.cloudimage.core.local;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** NIST SP 800-88 "Clear" of a file: overwrite every byte with zeros, fsync, read back. */
final class Overwrite {
  private static final int BUFFER = 1 << 20;

  private Overwrite() {}

  /** Overwrites and verifies; returns the bytes cleared. */
  static long clear(Path file, ProgressListener listener, Cancellation cancel) throws IOException {
    String op = "erase " + file.getFileName();
    // Checked, then opened without following a link: a link swapped in between fails the open.
    Confinement.requirePlainFile(file, "disk");
    try (FileChannel ch = Confinement.openForWriting(file)) {
      long size = ch.size();
      ByteBuffer zeros = ByteBuffer.allocateDirect(BUFFER);
      for (long pos = 0; pos < size; ) {
        cancel.throwIfCancelled(op);
        zeros.clear();
        zeros.limit((int) Math.min(BUFFER, size - pos));
        while (zeros.hasRemaining()) {
          pos += ch.write(zeros, pos);
        }
        listener.onProgress(new Progress(op, pos, size * 2, "overwrite"));
      }
      ch.force(true);
      ByteBuffer back = ByteBuffer.allocateDirect(BUFFER);
      for (long pos = 0; pos < size; ) {
        back.clear();
        int n = ch.read(back, pos);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (back.get(i) != 0) {
            throw new CheckFailedException(
                file + ": byte " + (pos + i) + " is not zero after overwrite");
          }
        }
        pos += n;
        listener.onProgress(new Progress(op, size + pos, size * 2, "verify"));
      }
      return size;
    }
  }
}
