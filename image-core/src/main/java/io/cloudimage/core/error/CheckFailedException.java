package io.cloudimage.core.error;

/**
 * A check ran and its answer is no: a bad signature, a digest mismatch, a policy violation, a delta
 * that does not reproduce its target. The command line maps it to exit code 1.
 */
public class CheckFailedException extends CloudImageException {
  private static final long serialVersionUID = 1L;

  public CheckFailedException(String message) {
    super(message);
  }
}
