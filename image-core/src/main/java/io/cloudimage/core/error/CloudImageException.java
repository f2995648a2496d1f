package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception cloudimage throws.
 *
 * <p>A message says what was wrong, with which input, and what to do. When a cloud provider
 * answered, {@link #errorCode()} and {@link #requestId()} carry its own words so that a support
 * ticket can quote them; {@link #retryable()} says whether the same call may succeed later.
 */
public class CloudImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String errorCode;
  private final @Nullable String requestId;
  private final boolean retryable;

  public CloudImageException(String message) {
    this(message, null, null, false, null);
  }

  public CloudImageException(String message, @Nullable Throwable cause) {
    this(message, null, null, false, cause);
  }

  /**
   * Creates an exception with the provider's details.
   *
   * @param message what was wrong, where, and what to do
   * @param errorCode the provider's error code, such as {@code InvalidAMIID.NotFound}
   * @param requestId the provider's request id
   * @param retryable whether the same call may succeed later
   * @param cause the underlying failure
   */
  public CloudImageException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.requestId = requestId;
    this.retryable = retryable;
  }

  /** The provider's error code, or {@code null} when no provider answered. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** The provider's request id, or {@code null} when none is known. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** Whether repeating the same call may succeed (throttling, a brief outage). */
  public boolean retryable() {
    return retryable;
  }
}
