package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The resource is in a state that forbids the call, such as a snapshot still backing an image, or
 * an image in use.
 */
public class ConflictException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message, null, null, false, null);
  }

  public ConflictException(String message, @Nullable Throwable cause) {
    super(message, null, null, false, cause);
  }

  public ConflictException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
