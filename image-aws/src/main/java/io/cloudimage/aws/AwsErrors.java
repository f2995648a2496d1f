package io.cloudimage.aws;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps the SDK's failures onto the cloudimage hierarchy: the AWS error code and request id are
 * kept, throttling and server errors are marked retryable, and a refused call names the IAM action
 * it needed.
 */
final class AwsErrors {
  private static final Set<String> THROTTLING =
      Set.of(
          "RequestLimitExceeded",
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "TooManyRequestsException",
          "RequestThrottled",
          "RequestThrottledException",
          "SlowDown",
          "PriorRequestNotComplete");
  private static final Set<String> CREDENTIALS =
      Set.of(
          "AuthFailure",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "UnrecognizedClientException",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidAccessKeyId",
          "InvalidToken",
          "IncompleteSignature");
  private static final Set<String> DENIED =
      Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "Blocked");
  private static final Set<String> CONFLICT =
      Set.of(
          "InvalidSnapshot.InUse",
          "IncorrectState",
          "IncorrectInstanceState",
          "InvalidState",
          "OperationNotPermitted",
          "ConflictException",
          "InvalidAMIName.Duplicate",
          "IdempotentParameterMismatch",
          "ResourceLimitExceeded");
  private static final Set<String> UNAVAILABLE =
      Set.of(
          "InternalError",
          "InternalFailure",
          "InternalServerException",
          "ServiceUnavailable",
          "Unavailable",
          "ServiceUnavailableException");

  private final String region;
  private final String endpoint;
  private final Supplier<String> credentialSource;

  /**
   * @param region the region calls go to
   * @param endpoint where calls go, for connection failures
   * @param credentialSource says where the credentials came from, for "credentials rejected"
   */
  AwsErrors(String region, String endpoint, Supplier<String> credentialSource) {
    this.region = region;
    this.endpoint = endpoint;
    this.credentialSource = credentialSource;
  }

  /**
   * The cloudimage exception for a failed call.
   *
   * @param action the IAM action the call needed, such as {@code ec2:DescribeImages}
   * @param resourceId the resource the call named, or {@code null}
   */
  CloudImageException map(SdkException e, String action, @Nullable String resourceId) {
    if (e instanceof AwsServiceException service) {
      return mapService(service, action, resourceId);
    }
    if (e instanceof SdkClientException && isMissingCredentials(e)) {
      return new AccessDeniedException(
          "no AWS credentials found for "
              + action
              + " ("
              + credentialSource.get()
              + "): set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or run where an"
              + " instance or container role is available",
          "NoCredentials",
          null,
          false,
          e);
    }
    return new ProviderUnavailableException(
        "could not reach AWS at "
            + endpoint
            + " ("
            + region
            + ") for "
            + action
            + ": "
            + e.getMessage()
            + "; check the network, --endpoint and --region",
        null,
        null,
        true,
        e);
  }

  private CloudImageException mapService(
      AwsServiceException e, String action, @Nullable String resourceId) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String message =
        details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
    String requestId = e.requestId();
    int status = e.statusCode();
    String what = resourceId == null ? action : action + " on " + resourceId;
    if (THROTTLING.contains(code) || status == 429 || e.isThrottlingException()) {
      return new ThrottledException(
          "AWS throttled " + what + " (" + code + "): " + message + "; slow down or retry later",
          code,
          requestId,
          true,
          retryAfter(e).orElse(null),
          e);
    }
    // HTTP 401 is how EC2 answers AuthFailure; the JDK's HTTP client may drop the body of a 401.
    if (CREDENTIALS.contains(code) || status == 401) {
      if (code.isEmpty()) {
        code = "AuthFailure";
      }
      return new AccessDeniedException(
          "AWS credentials rejected ("
              + code
              + ") calling "
              + action
              + "; they came from "
              + credentialSource.get()
              + ": check that the key is active, the profile is right and the clock is in sync",
          code,
          requestId,
          false,
          e);
    }
    if (DENIED.contains(code) || status == 403) {
      return new AccessDeniedException(
          "AWS refused "
              + what
              + " ("
              + code
              + "): the caller needs the IAM permission "
              + action
              + " on this resource; `cloudimage iam-policy --plan PLAN` prints what a plan needs",
          code,
          requestId,
          false,
          e);
    }
    if (code.endsWith(".NotFound")
        || code.equals("InvalidAMIID.Unavailable")
        || code.equals("ResourceNotFoundException")
        || status == 404) {
      String id = resourceId == null ? "" : resourceId;
      return new NotFoundException(
          "AWS has no " + describe(id) + " in " + region + " (" + code + "): " + message,
          resourceId,
          code,
          requestId,
          e);
    }
    if (code.endsWith(".Malformed")
        || code.startsWith("InvalidParameter")
        || code.equals("MissingParameter")
        || code.equals("ValidationException")
        || code.startsWith("InvalidAMIName") && !code.equals("InvalidAMIName.Duplicate")) {
      return new InvalidInputException(
          "AWS rejected the input of " + what + " (" + code + "): " + message,
          code,
          requestId,
          false,
          e);
    }
    if (CONFLICT.contains(code) || code.startsWith("Incorrect") || status == 409) {
      return new ConflictException(
          "AWS refused " + what + " in its current state (" + code + "): " + message,
          code,
          requestId,
          false,
          e);
    }
    if (UNAVAILABLE.contains(code) || status >= 500) {
      return new ProviderUnavailableException(
          "AWS failed "
              + what
              + " (HTTP "
              + status
              + ", "
              + code
              + "): "
              + message
              + "; retry later",
          code,
          requestId,
          true,
          e);
    }
    return new ProviderException(
        "AWS refused " + what + " (HTTP " + status + ", " + code + "): " + message,
        code,
        requestId,
        false,
        e);
  }

  private static String describe(String id) {
    if (id.startsWith("ami-")) {
      return "image " + id;
    }
    if (id.startsWith("snap-")) {
      return "snapshot " + id;
    }
    if (id.startsWith("i-")) {
      return "instance " + id;
    }
    return id.isEmpty() ? "such resource" : "resource " + id;
  }

  private static Optional<Duration> retryAfter(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
      return Optional.empty();
    }
    return e.awsErrorDetails()
        .sdkHttpResponse()
        .firstMatchingHeader("Retry-After")
        .flatMap(
            v -> {
              try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
              } catch (NumberFormatException nfe) {
                return Optional.empty();
              }
            });
  }

  private static boolean isMissingCredentials(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains("unable to load credentials")) {
        return true;
      }
    }
    return false;
  }
}
