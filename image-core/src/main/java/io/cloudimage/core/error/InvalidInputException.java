package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Input that cloudimage cannot accept: an unreadable, truncated or corrupt file, an unknown format,
 * an invalid value, policy or catalog entry.
 */
public class InvalidInputException extends CloudImageException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message, null, null, false, null);
  }

  public InvalidInputException(String message, @Nullable Throwable cause) {
    super(message, null, null, false, cause);
  }

  public InvalidInputException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
