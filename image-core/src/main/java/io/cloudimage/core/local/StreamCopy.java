package io.cloudimage.core.local;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Copies a file through one fixed buffer, hashing as it goes, and fsyncs the copy. */
final class StreamCopy {
  private static final int BUFFER = 1 << 20;
  private static final long REPORT_EVERY = 16L << 20;

  private StreamCopy() {}

  record Result(long bytes, String sha256) {}

  static Result copy(
      Path from, Path to, String operation, ProgressListener listener, Cancellation cancel) {
    try (FileChannel out =
        FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      return copy(from, out, operation, listener, cancel);
    } catch (IOException e) {
      throw new UncheckedIOException(operation + ": " + e.getMessage(), e);
    }
  }

  /** Copies into an open channel (which the caller closes) and fsyncs it. */
  static Result copy(
      Path from,
      FileChannel out,
      String operation,
      ProgressListener listener,
      Cancellation cancel) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
      long total = in.size();
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
      long done = 0;
      long nextReport = 0;
      while (true) {
        cancel.throwIfCancelled(operation);
        buffer.clear();
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        buffer.flip();
        sha256.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        done += n;
        if (done >= nextReport) {
          listener.onProgress(new Progress(operation, done, total, ""));
          nextReport = done + REPORT_EVERY;
        }
      }
      out.force(true);
      listener.onProgress(new Progress(operation, done, Math.max(total, done), "done"));
      return new Result(done, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(operation + ": " + e.getMessage(), e);
    }
  }
}
