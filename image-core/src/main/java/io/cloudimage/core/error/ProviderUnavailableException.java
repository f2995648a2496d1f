package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/** The provider could not be reached or answered with a server error; usually retryable. */
public class ProviderUnavailableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderUnavailableException(String message) {
    super(message, null, null, true, null);
  }

  public ProviderUnavailableException(String message, @Nullable Throwable cause) {
    super(message, null, null, true, cause);
  }

  public ProviderUnavailableException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
