package io.cloudimage.core.progress;

import io.cloudimage.core.error.CancelledException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

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
  private final @Nullable Cancellation parent;

  private Cancellation(boolean cancellable) {
    this(cancellable, null);
  }

  private Cancellation(boolean cancellable, @Nullable Cancellation parent) {
    this.cancellable = cancellable;
    this.parent = parent;
  }

  /**
   * A new flag that also counts as cancelled whenever {@code parent} is: cancelling the child stops
   * only the work that watches it, cancelling the parent stops both. The provider client hands such
   * a child to each call, so that it can stop one attempt without touching the caller's flag.
   */
  public static Cancellation childOf(Cancellation parent) {
    return new Cancellation(true, parent);
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
    Cancellation p = parent;
    return cancelled.get() || (p != null && p.isCancelled());
  }

  /**
   * Throws when cancelled.
   *
   * @param operation names the work in the exception's message
   * @throws CancelledException if {@link #cancel()} was called
   */
  public void throwIfCancelled(String operation) {
    if (isCancelled()) {
      throw new CancelledException(operation);
    }
  }
}
