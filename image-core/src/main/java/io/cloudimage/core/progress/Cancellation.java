package io.cloudimage.core.progress;

import io.cloudimage.core.error.CancelledException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag a caller sets to stop long work. Work polls {@link #throwIfCancelled(String)} between
 * steps, so it stops at a safe point and leaves nothing half written. Thread-safe.
 *
 * <pre>{@code
 * Cancellation cancel = Cancellation.create();
 * executor.submit(() -> provider.importImage(request, listener, cancel));
 * cancel.cancel(); // from any thread
 * }</pre>
 */
public final class Cancellation {
  private static final Cancellation NEVER = new Cancellation(false);

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final boolean cancellable;

  private Cancellation(boolean cancellable) {
    this.cancellable = cancellable;
  }

  /** A new, not yet cancelled flag. */
  public static Cancellation create() {
    return new Cancellation(true);
  }

  /** A shared flag that can never be cancelled, for callers that do not need to stop work. */
  public static Cancellation never() {
    return NEVER;
  }

  /** Asks the work to stop at its next safe point. */
  public void cancel() {
    if (!cancellable) {
      throw new IllegalStateException("Cancellation.never() cannot be cancelled");
    }
    cancelled.set(true);
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Throws when cancelled.
   *
   * @param operation names the work in the exception's message
   * @throws CancelledException if {@link #cancel()} was called
   */
  public void throwIfCancelled(String operation) {
    if (cancelled.get()) {
      throw new CancelledException(operation);
    }
  }
}
