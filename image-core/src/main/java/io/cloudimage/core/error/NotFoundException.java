package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/** The image, snapshot, file or other resource named does not exist. */
public class NotFoundException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message, null, null, false, null);
  }

  public NotFoundException(String message, @Nullable Throwable cause) {
    super(message, null, null, false, cause);
  }

  public NotFoundException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
  }
}
