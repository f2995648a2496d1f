package io.cloudimage.fleet.blob.s3;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the S3 SDK's failures into the library's: a missing object or bucket is not found, a
 * refusal is access denied, throttling and server trouble may pass (retryable), and a call that
 * timed out or never reached S3 is an unavailable provider.
 */
final class S3Errors {
  private S3Errors() {}

  /** Runs {@code call}; {@code what} says what it did, for the message. */
  static <T> @Nullable T call(String what, Supplier<@Nullable T> call) {
    try {
      return call.get();
    } catch (NoSuchKeyException e) {
      throw new NotFoundException(
          "cannot " + what + ": no such object; every worker must use the same blob store", e);
    } catch (NoSuchBucketException e) {
      throw new NotFoundException(
          "cannot " + what + ": the bucket does not exist; create it first", e);
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String request = e.requestId();
      String message = "cannot " + what + " (" + e.statusCode() + " " + code + ")";
      int status = e.statusCode();
      if (status == 404) {
        throw new NotFoundException(
            message + ": no such object or bucket", code, request, false, e);
      }
      if (status == 403 || status == 401) {
        throw new AccessDeniedException(
            message
                + ": the credentials may not use this bucket; grant s3:GetObject, s3:PutObject"
                + " and s3:ListBucket on it",
            code,
            request,
            false,
            e);
      }
      if (status == 429 || status == 503 || "SlowDown".equals(code)) {
        throw new ThrottledException(
            message + ": S3 asks to slow down", code, request, true, null, e);
      }
      if (status >= 500) {
        throw new ProviderUnavailableException(message + ": S3 failed; try again", e);
      }
      throw new ProviderException(message + ": " + e.getMessage(), e);
    } catch (SdkClientException e) {
      throw new ProviderUnavailableException(
          "cannot "
              + what
              + ": S3 did not answer in time or could not be reached: "
              + e.getMessage(),
          e);
    }
  }
}
