package io.cloudimage.core.provider;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries retryable failures ({@link CloudImageException#retryable()}: throttling, brief outages)
 * with full-jitter exponential backoff, under a budget of attempts and of total time.
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder().maxAttempts(8).budget(Duration.ofMinutes(2)).build();
 * Image image = retry.call("DescribeImages", () -> describe(id));
 * }</pre>
 */
public final class RetryPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  /** Never retries. */
  public static final RetryPolicy NONE = builder().maxAttempts(1).build();

  /** The default: 6 attempts, 200 ms base delay, 20 s cap, 2 minute budget. */
  public static final RetryPolicy DEFAULT = builder().build();

  /** Sleeps; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    /** Sleeps for the duration. */
    void sleep(Duration duration) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration budget;
  private final Sleeper sleeper;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.budget = b.budget;
    this.sleeper = b.sleeper;
  }

  /** A new builder with the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code call}, retrying while it throws a retryable {@link CloudImageException} and the
   * budget allows. The last failure is rethrown as it was.
   *
   * @param operation names the call in logs
   */
  public <T> T call(String operation, Supplier<T> call) {
    long deadline = System.nanoTime() + budget.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (CloudImageException e) {
        if (!e.retryable() || attempt >= maxAttempts) {
          throw e;
        }
        Duration delay = delay(attempt);
        if (System.nanoTime() + delay.toNanos() > deadline) {
          throw e;
        }
        LOG.debug("{} failed ({}), retry {} in {}", operation, e.getMessage(), attempt, delay);
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The jittered delay before retry number {@code attempt} (1-based): uniform in [0, cap]. */
  public Duration delay(int attempt) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
  }

  /** The total time retries of one call may take. */
  public Duration budget() {
    return budget;
  }

  /** How this policy sleeps between attempts. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** The most attempts, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration baseDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(20);
    private Duration budget = Duration.ofMinutes(2);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder() {}

    /** The most attempts including the first, at least 1; default 6. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new InvalidInputException("RetryPolicy.maxAttempts must be >= 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The delay cap of the first retry, doubled for each further one; default 200 ms. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
      return this;
    }

    /** The largest delay cap; default 20 s. Must be at least the base delay. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /** The total time retries may take; no retry starts that would end past it. Default 2 min. */
    public Builder budget(Duration budget) {
      this.budget = budget;
      return this;
    }

    /** How to sleep between attempts (tests pass a recording sleeper). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws InvalidInputException when maxDelay is below baseDelay, naming both
     */
    public RetryPolicy build() {
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new InvalidInputException(
            "RetryPolicy.maxDelay (" + maxDelay + ") must be >= baseDelay (" + baseDelay + ")");
      }
      if (baseDelay.isNegative() || budget.isNegative()) {
        throw new InvalidInputException("RetryPolicy.baseDelay and budget must be >= 0");
      }
      return new RetryPolicy(this);
    }
  }
}
