package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.progress.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * How fast and how far a run goes: at most {@code concurrency} actions at once, at most {@code
 * ratePerSecond} starts per second, and a stop once the failures exceed the error budget or the run
 * is cancelled.
 */
final class Pacer {
  private final int concurrency;
  private final double ratePerSecond;
  private final int errorBudget;
  private final Cancellation cancel;

  /** Kept across runs, so that back-to-back runs of one executor keep to the rate together. */
  private final AtomicLong nextStartNanos = new AtomicLong();

  Pacer(int concurrency, double ratePerSecond, int errorBudget, Cancellation cancel) {
    this.concurrency = concurrency;
    this.ratePerSecond = ratePerSecond;
    this.errorBudget = errorBudget;
    this.cancel = cancel;
  }

  /** The stop state of a new run. */
  Run start() {
    return new Run();
  }

  /** Waits until the next action may start under the rate limit. */
  void pace() {
    if (ratePerSecond <= 0) {
      return;
    }
    long interval = (long) (1_000_000_000L / ratePerSecond);
    long now = System.nanoTime();
    long start = nextStartNanos.getAndAccumulate(now, (prev, n) -> Math.max(prev, n) + interval);
    long wait = Math.max(start, now) - now;
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("lifecycle apply interrupted");
      }
    }
  }

  /** Runs the tasks, {@code concurrency} at a time, and returns when all have ended. */
  void runAll(List<Runnable> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("lifecycle action crashed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancelledException("lifecycle apply interrupted");
        }
      }
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One run's failures and why it stopped, shared by its concurrent actions. */
  final class Run {
    private final AtomicInteger failures = new AtomicInteger();
    private @Nullable String stoppedBy;

    /**
     * Why no further action may start ({@code "cancelled"} or {@code "error budget"}), or {@code
     * null} when the next one may.
     */
    synchronized @Nullable String refusal() {
      if (stoppedBy == null && cancel.isCancelled()) {
        stoppedBy = "cancelled";
      }
      return stoppedBy;
    }

    /** Counts an action's outcome against the error budget. */
    void count(Status status) {
      if (status == Status.FAILED && failures.incrementAndGet() > errorBudget) {
        synchronized (this) {
          stoppedBy = "error budget";
        }
      }
    }

    /** Why the run stopped early, or {@code null} when it did not. */
    synchronized @Nullable String stoppedBy() {
      return stoppedBy;
    }
  }
}
