package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/** A provider or remote service refused or failed a call (after any retries). */
public class ProviderException extends CloudImageException {
  private static final long serialVersionUID = 1L;

  public ProviderException(String message) {
    super(message, null, null, false, null);
  }

  public ProviderException(String message, @Nullable Throwable cause) {
    super(message, null, null, false, cause);
  }

  public ProviderException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
