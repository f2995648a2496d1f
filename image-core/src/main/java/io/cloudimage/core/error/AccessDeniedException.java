package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/** The caller's credentials do not allow the call, or a file or folder cannot be written. */
public class AccessDeniedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(message, null, null, false, null);
  }

  public AccessDeniedException(String message, @Nullable Throwable cause) {
    super(message, null, null, false, cause);
  }

  public AccessDeniedException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
