package io.cloudimage.fleet.workflow;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Maps the library's typed errors onto Temporal's retryable and non-retryable failures. The
 * failure's type is the exception's simple name, which the workflow's retry options list.
 *
 * <p>Not retried: access denied and bad input (a retry gets the same answer), and what does not
 * exist or is not supported. Retried with backoff: throttling, an unavailable provider, a journal
 * locked by another run, an activity interrupted by its worker's shutdown, and anything the
 * provider marks retryable.
 */
final class ActivityErrors {
  /** The failure types no retry can fix. */
  static final List<String> NOT_RETRIED =
      List.of(
          AccessDeniedException.class.getSimpleName(),
          InvalidInputException.class.getSimpleName(),
          "CorruptDataException",
          NotFoundException.class.getSimpleName(),
          UnsupportedCapabilityException.class.getSimpleName(),
          "CheckFailedException");

  private ActivityErrors() {}

  /** The failure to throw from an activity for {@code e}. */
  static ApplicationFailure map(CloudImageException e) {
    String type = e.getClass().getSimpleName();
    String message = String.valueOf(e.getMessage());
    // An interrupted activity is a worker going away, not the user's cancel (which ends an apply
    // with its remaining actions not run): another worker takes it up.
    boolean retry =
        e.retryable() || e instanceof ConflictException || e instanceof CancelledException;
    if (NOT_RETRIED.contains(type) || !retry && !isProviderTrouble(e)) {
      return ApplicationFailure.newNonRetryableFailureWithCause(message, type, e);
    }
    return ApplicationFailure.newFailureWithCause(message, type, e);
  }

  /** Provider errors that are neither refusals nor bad input may pass; retry them. */
  private static boolean isProviderTrouble(CloudImageException e) {
    return e instanceof io.cloudimage.core.error.ProviderException
        && !(e instanceof AccessDeniedException);
  }
}
