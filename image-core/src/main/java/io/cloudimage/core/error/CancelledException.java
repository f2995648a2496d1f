package io.cloudimage.core.error;

/** A long operation stopped because its {@code Cancellation} was cancelled. */
public class CancelledException extends CloudImageException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String operation) {
    super(operation + " was cancelled");
  }
}
