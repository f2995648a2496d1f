package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/** The provider asked the caller to slow down; retryable by nature. */
public class ThrottledException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ThrottledException(String message) {
    super(message, null, null, true, null);
  }

  public ThrottledException(String message, @Nullable Throwable cause) {
    super(message, null, null, true, cause);
  }

  public ThrottledException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
