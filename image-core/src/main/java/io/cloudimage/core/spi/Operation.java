package io.cloudimage.core.spi;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.time.Instant;

/**
 * What the client hands a driver for one long operation (import, copy, export, tier moves, erase):
 * where to report progress, the flag to poll for cancellation, and when the client stops waiting. A
 * driver reports progress and polls {@link #throwIfCancelled()} between steps; it never sleeps,
 * retries or enforces the deadline itself.
 *
 * @param name the operation's name as logged and measured, such as {@code ImportImage}
 * @param listener receives the driver's progress reports
 * @param cancellation set when the caller cancels or the client gives up waiting
 * @param deadline when the client stops waiting for this operation
 */
public record Operation(
    String name, ProgressListener listener, Cancellation cancellation, Instant deadline) {

  /** An operation without progress, cancellation or deadline, for tests and direct driver use. */
  public static Operation unbounded(String name) {
    return new Operation(name, ProgressListener.NONE, Cancellation.never(), Instant.MAX);
  }

  /** Reports progress to the listener. */
  public void progress(Progress progress) {
    listener.onProgress(progress);
  }

  /**
   * Throws when the caller cancelled or the client gave up waiting.
   *
   * @throws io.cloudimage.core.error.CancelledException naming this operation
   */
  public void throwIfCancelled() {
    cancellation.throwIfCancelled(name);
  }
}
