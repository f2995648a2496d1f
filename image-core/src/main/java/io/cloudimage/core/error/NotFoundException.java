package io.cloudimage.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The image, snapshot, file or other resource named does not exist. A well-formed id that names
 * nothing is this; a malformed id is an {@link InvalidInputException}.
 */
public class NotFoundException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String resourceId;

  public NotFoundException(String message) {
    this(message, null, null, null, null);
  }

  public NotFoundException(String message, @Nullable Throwable cause) {
    this(message, null, null, null, cause);
  }

  public NotFoundException(
      String message,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, retryable, cause);
    this.resourceId = null;
  }

  /**
   * Creates the exception for one resource.
   *
   * @param message what was not found, and what to do
   * @param resourceId the id that named nothing (an image, snapshot or trash entry id)
   * @param errorCode the provider's error code, such as {@code InvalidAMIID.NotFound}
   * @param requestId the provider's request id
   * @param cause the underlying failure
   */
  public NotFoundException(
      String message,
      @Nullable String resourceId,
      @Nullable String errorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, errorCode, requestId, false, cause);
    this.resourceId = resourceId;
  }

  /** The id that named nothing, when the thrower knew it. */
  public @Nullable String resourceId() {
    return resourceId;
  }
}
