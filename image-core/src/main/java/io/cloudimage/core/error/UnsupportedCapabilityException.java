package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider cannot do what was asked; see {@code ImageProvider.capabilities()} before calling.
 */
public class UnsupportedCapabilityException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public UnsupportedCapabilityException(String message) {
    super(message, null, null, false, null);
  }

  public UnsupportedCapabilityException(String message, @Nullable Throwable cause) {
    super(message, null, null, false, cause);
  }

  public UnsupportedCapabilityException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
