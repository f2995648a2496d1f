package io.cloudimage.core.provider;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a resource with capped exponential backoff until it satisfies a condition. */
public final class Waiter {
  private Waiter() {}

  /**
   * Polls {@code describe} until {@code condition} holds.
   *
   * @param what names the resource in progress reports and errors
   * @throws ProviderUnavailableException when the timeout passes, naming the last state seen
   * @throws CancelledException when cancelled
   */
  public static <T> T await(
      String what,
      Supplier<T> describe,
      Predicate<T> condition,
      Duration timeout,
      ProgressListener listener,
      Cancellation cancel) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long delayMillis = 50;
    while (true) {
      cancel.throwIfCancelled("waiting for " + what);
      T current = describe.get();
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      if (condition.test(current)) {
        listener.onProgress(new Progress("wait " + what, elapsedMillis, elapsedMillis, "ready"));
        return current;
      }
      listener.onProgress(
          new Progress("wait " + what, elapsedMillis, timeout.toMillis(), String.valueOf(current)));
      if (System.nanoTime() + delayMillis * 1_000_000 > deadline) {
        throw new ProviderUnavailableException(
            "timed out after " + timeout + " waiting for " + what + "; last seen: " + current);
      }
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("waiting for " + what);
      }
      delayMillis = Math.min(delayMillis * 2, 5_000);
    }
  }
}
