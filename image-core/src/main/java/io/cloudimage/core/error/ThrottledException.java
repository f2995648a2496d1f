package io.cloudimage.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The provider asked the caller to slow down; retryable by nature. */
public class ThrottledException extends ProviderException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // Duration is serializable
  private final @Nullable Duration retryAfter;

  public ThrottledException(String message) {
    this(message, null, null, true, null, null);
  }

  public ThrottledException(String message, @Nullable Throwable cause) {
    this(message, null, null, true, null, cause);
  }

  public ThrottledException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    this(message, errorCode, requestId, retryable, null, cause);
  }

  /**
   * Creates a throttling exception with the server's requested pause.
   *
   * @param retryAfter what the server's {@code Retry-After} asked for, or {@code null}
   */
  public ThrottledException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked the caller to wait ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
