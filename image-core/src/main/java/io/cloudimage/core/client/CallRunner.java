package io.cloudimage.core.client;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import io.cloudimage.core.spi.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one driver call the way every call is run: capability already checked by the caller, then
 * attempts on a worker thread bounded by the attempt and call timeouts, retries of retryable
 * failures with jittered back-off (or the server's {@code Retry-After}) under the retry budget,
 * cancellation at any wait, logging with credentials redacted, and metrics.
 *
 * <p>A timed-out or cancelled attempt is not interrupted: its {@link Operation}'s cancellation is
 * set so that the driver stops at its next safe point, and the client stops waiting. Interrupting
 * would close the file channels and HTTP connections the driver shares between calls.
 */
final class CallRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageProvider.class);
  private static final long POLL_MILLIS = 25;
  private static final long CANCEL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How a call may be retried. */
  enum Kind {
    /** Short and safe to repeat (lists, describes, tags): retried on any retryable failure. */
    IDEMPOTENT,
    /**
     * Short, but repeating it after an unknown outcome could act twice (deregister, delete):
     * retried only when the provider refused it before acting (throttling).
     */
    UNSAFE,
    /** A long data operation: bounded by the operation timeout, retried only when throttled. */
    LONG
  }

  private final String provider;
  private final ProviderConfig config;
  private final MetricsRecorder metrics = new MetricsRecorder();
  private final ExecutorService workers;

  CallRunner(String provider, ProviderConfig config) {
    this.provider = provider;
    this.config = config;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "cloudimage-" + provider + "-call-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  ProviderMetrics metrics() {
    return metrics.snapshot();
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, times out or is cancelled.
   *
   * @param name the operation's name, as logged and measured
   * @param args what identifies the call in logs (redacted)
   */
  <T> T call(
      String name,
      Kind kind,
      ProgressListener listener,
      Cancellation cancel,
      Function<Operation, T> attempt,
      Object... args) {
    long start = System.nanoTime();
    Duration callLimit = kind == Kind.LONG ? config.operationTimeout() : config.callTimeout();
    long callDeadline = saturatedAdd(start, callLimit.toNanos());
    long retryDeadline = saturatedAdd(start, config.retryPolicy().budget().toNanos());
    RetryPolicy policy = config.retryPolicy();
    String what = describe(name, args);
    int retries = 0;
    try {
      for (int n = 1; ; n++) {
        cancel.throwIfCancelled(what);
        try {
          T result = attempt(name, kind, n, listener, cancel, attempt, callDeadline, what);
          if (LOG.isDebugEnabled()) {
            LOG.debug("{} ok in {} ms after {} attempt(s)", what, millisSince(start), n);
          }
          metrics.record(name, System.nanoTime() - start, retries, false, false);
          return result;
        } catch (CloudImageException e) {
          boolean timedOut = e instanceof AttemptTimeout;
          Duration delay = retryDelay(policy, n, e, kind);
          long now = System.nanoTime();
          if (delay == null
              || saturatedAdd(now, delay.toNanos()) > Math.min(callDeadline, retryDeadline)) {
            throw e;
          }
          if (timedOut) {
            metrics.timeout(name);
          }
          LOG.debug(
              "{} failed ({}); retry {} in {} ms",
              what,
              redact(String.valueOf(e.getMessage())),
              n,
              delay.toMillis());
          retries++;
          pause(delay, policy, cancel, what);
        }
      }
    } catch (RuntimeException e) {
      boolean timedOut = e instanceof AttemptTimeout;
      metrics.record(name, System.nanoTime() - start, retries, true, timedOut);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} failed after {} ms: {}",
            what,
            millisSince(start),
            redact(String.valueOf(e.getMessage())));
      }
      throw e;
    }
  }

  private <T> T attempt(
      String name,
      Kind kind,
      int n,
      ProgressListener listener,
      Cancellation cancel,
      Function<Operation, T> attempt,
      long callDeadline,
      String what) {
    long now = System.nanoTime();
    long attemptLimit =
        kind == Kind.LONG
            ? Long.MAX_VALUE
            : saturatedAdd(now, config.callAttemptTimeout().toNanos());
    long deadline = Math.min(callDeadline, attemptLimit);
    Cancellation stop = Cancellation.childOf(cancel);
    Instant until = Instant.now().plusNanos(Math.max(0, deadline - now));
    Operation operation = new Operation(name, safe(listener), stop, until);
    Future<T> future = workers.submit(() -> attempt.apply(operation));
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        stop.cancel();
        future.cancel(false);
        boolean whole = deadline == callDeadline;
        throw new AttemptTimeout(
            what
                + (whole
                    ? " did not finish within the call timeout of "
                    : " attempt " + n + " did not answer within ")
                + (whole
                    ? (kind == Kind.LONG ? config.operationTimeout() : config.callTimeout())
                    : config.callAttemptTimeout())
                + "; raise ProviderConfig."
                + (whole
                    ? (kind == Kind.LONG ? "operationTimeout" : "callTimeout")
                    : "callAttemptTimeout")
                + " if the provider is slow",
            kind == Kind.IDEMPOTENT && !whole);
      }
      if (cancel.isCancelled()) {
        // Let the driver reach its next safe point and clean up, so that a cancelled call leaves
        // nothing half done behind it when it returns; a driver that does not stop in time is
        // left to finish on its own.
        stop.cancel();
        return settle(
            future, Math.min(CANCEL_GRACE_NANOS, Math.max(0, deadline - System.nanoTime())), what);
      }
      try {
        return future.get(
            Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // poll again: deadline and cancellation
      } catch (InterruptedException e) {
        stop.cancel();
        Thread.currentThread().interrupt();
        throw new CancelledException(what);
      } catch (ExecutionException e) {
        throw unwrap(e, what);
      }
    }
  }

  /**
   * The outcome of a cancelled attempt: what the driver ended with if it stops within {@code
   * graceNanos} (its own {@link CancelledException}, or its result when the work finished anyway),
   * else a {@link CancelledException}.
   */
  private static <T> T settle(Future<T> future, long graceNanos, String what) {
    try {
      return future.get(graceNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new CancelledException(what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException(what);
    } catch (ExecutionException e) {
      throw unwrap(e, what);
    }
  }

  /**
   * What the driver threw, as it threw it; a checked exception (no driver declares one) wrapped.
   */
  private static RuntimeException unwrap(ExecutionException e, String what) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new ProviderUnavailableException(what + " failed: " + cause, cause);
  }

  /** The pause before the next attempt, or {@code null} when the failure must not be retried. */
  private static @org.jspecify.annotations.Nullable Duration retryDelay(
      RetryPolicy policy, int attempt, CloudImageException e, Kind kind) {
    if (!e.retryable() || attempt >= policy.maxAttempts()) {
      return null;
    }
    boolean throttled = e instanceof ThrottledException;
    if (kind != Kind.IDEMPOTENT && !throttled) {
      return null;
    }
    Duration delay = policy.delay(attempt);
    if (e instanceof ThrottledException t && t.retryAfter().isPresent()) {
      Duration asked = t.retryAfter().get();
      if (asked.compareTo(delay) > 0) {
        delay = asked;
      }
    }
    return delay;
  }

  private static void pause(Duration delay, RetryPolicy policy, Cancellation cancel, String what) {
    Duration left = delay;
    Duration slice = Duration.ofMillis(100);
    while (!left.isZero() && !left.isNegative()) {
      cancel.throwIfCancelled(what);
      Duration step = left.compareTo(slice) < 0 ? left : slice;
      try {
        policy.sleeper().sleep(step);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new CancelledException(what);
      }
      left = left.minus(step);
    }
    cancel.throwIfCancelled(what);
  }

  private static ProgressListener safe(ProgressListener listener) {
    return p -> {
      try {
        listener.onProgress(p);
      } catch (RuntimeException e) {
        LOG.debug("progress listener threw; ignored", e);
      }
    };
  }

  private String describe(String name, Object... args) {
    String joined = Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(", "));
    return provider + " " + name + (joined.isEmpty() ? "" : " " + redact(joined));
  }

  private static String redact(String text) {
    return Redaction.redact(text);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** The client stopped waiting for an attempt or a call. */
  static final class AttemptTimeout extends ProviderUnavailableException {
    private static final long serialVersionUID = 1L;

    AttemptTimeout(String message, boolean retryable) {
      super(message, "Timeout", null, retryable, null);
    }
  }
}
