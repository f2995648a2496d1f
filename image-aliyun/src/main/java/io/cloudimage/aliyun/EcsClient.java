package io.cloudimage.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One SDK client and the translation of its failures. Every request goes to the configured endpoint
 * (an override such as a local or VPC endpoint, over its own scheme) or, without one, to the SDK's
 * endpoint for the request's region. The SDK makes exactly one attempt: retries belong to the
 * cloudimage client.
 */
final class EcsClient implements AutoCloseable {
  /** Codes that mean "slow down". */
  private static final Set<String> THROTTLING =
      Set.of("Throttling", "Throttling.User", "Throttling.Api", "Throttling.Resource");

  /** Codes that mean the service had a brief problem. */
  private static final Set<String> UNAVAILABLE =
      Set.of("ServiceUnavailable", "InternalError", "UnknownError", "Unavailable");

  /** Codes that mean the credentials are wrong or lack permission. */
  private static final Set<String> DENIED =
      Set.of(
          "InvalidAccessKeyId.NotFound",
          "InvalidAccessKeyId.Inactive",
          "Forbidden.RAM",
          "Forbidden",
          "NoPermission",
          "Forbidden.AccessKeyDisabled");

  static final String SIGNATURE_HINT =
      "check that the AccessKey secret belongs to the AccessKey id, and that this machine's clock"
          + " is right (the service rejects requests more than 15 minutes off)";

  private final DefaultAcsClient client;
  private final @Nullable String endpointHost;
  private final ProtocolType protocol;

  EcsClient(
      String region, @Nullable URI endpoint, AliyunCredentials credentials, Duration timeout) {
    String token = credentials.securityToken();
    DefaultProfile profile =
        token == null
            ? DefaultProfile.getProfile(region, credentials.accessKeyId(), credentials.secret())
            : DefaultProfile.getProfile(
                region, credentials.accessKeyId(), credentials.secret(), token);
    HttpClientConfig http = HttpClientConfig.getDefault();
    long millis = Math.max(1, timeout.toMillis());
    http.setConnectionTimeoutMillis(millis);
    http.setReadTimeoutMillis(millis);
    this.protocol =
        endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())
            ? ProtocolType.HTTP
            : ProtocolType.HTTPS;
    http.setProtocolType(protocol);
    profile.setHttpClientConfig(http);
    profile.setCloseTrace(true);
    this.client = new DefaultAcsClient(profile);
    noSdkRetries(client);
    this.endpointHost = endpoint == null ? null : hostPort(endpoint);
  }

  /**
   * Turns off both of the SDK's retry mechanisms: the policy-based one and the older flag that
   * {@code getAcsResponse} still reads, so that one call is one attempt.
   */
  @SuppressWarnings("deprecation")
  private static void noSdkRetries(DefaultAcsClient client) {
    client.setSysRetryPolicy(com.aliyuncs.policy.retry.RetryPolicy.none());
    client.setAutoRetry(false);
    client.setMaxRetryNumber(0);
  }

  private static String hostPort(URI endpoint) {
    String host = endpoint.getHost();
    if (host == null) {
      throw new InvalidInputException(
          "endpoint " + endpoint + " names no host; use a URL such as http://127.0.0.1:8080");
    }
    return endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
  }

  /**
   * Sends a request to a region and returns the answer.
   *
   * @param resourceId the id the request names, for {@link NotFoundException#resourceId()}
   */
  <T extends AcsResponse> T call(
      AcsRequest<T> request, String region, @Nullable String resourceId) {
    request.setSysRegionId(region);
    request.setSysProtocol(protocol);
    String host = endpointHost;
    if (host != null) {
      request.setSysEndpoint(host);
    }
    try {
      return client.getAcsResponse(request);
    } catch (ClientException e) {
      throw translate(request.getSysActionName(), e, resourceId);
    } catch (RuntimeException e) {
      throw new ProviderUnavailableException(
          request.getSysActionName() + " failed in " + region + ": " + e, e);
    }
  }

  /** The cloudimage exception for an SDK failure. */
  static CloudImageException translate(
      String action, ClientException e, @Nullable String resourceId) {
    String code = e.getErrCode() == null ? "" : e.getErrCode();
    String requestId = e.getRequestId();
    String message = e.getErrMsg() == null ? String.valueOf(e.getMessage()) : e.getErrMsg();
    String what = action + " failed: " + code + ": " + message;
    if (THROTTLING.contains(code)) {
      return new ThrottledException(what, code, requestId, true, e);
    }
    if (UNAVAILABLE.contains(code) || isTransport(code)) {
      return new ProviderUnavailableException(what, code, requestId, true, e);
    }
    if (code.equals("SignatureDoesNotMatch") || code.equals("IncompleteSignature")) {
      return new AccessDeniedException(
          action + ": signature rejected (" + code + "); " + SIGNATURE_HINT,
          code,
          requestId,
          false,
          e);
    }
    if (DENIED.contains(code)) {
      return new AccessDeniedException(what, code, requestId, false, e);
    }
    if (code.endsWith(".NotFound") && !code.startsWith("InvalidAction")) {
      String id = resourceId == null ? "" : resourceId + " ";
      return new NotFoundException(
          action + ": " + id + "does not exist (" + code + "); check the id and the region",
          resourceId,
          code,
          requestId,
          e);
    }
    if (code.startsWith("Incorrect")
        || code.startsWith("QuotaExceed")
        || code.startsWith("InvalidOperation")
        || code.endsWith(".Shared")
        || code.equals("SnapshotCreatedImage")) {
      return new ConflictException(what, code, requestId, false, e);
    }
    if (code.startsWith("InvalidParameter")
        || code.startsWith("MissingParameter")
        || code.startsWith("Invalid")) {
      return new InvalidInputException(what, code, requestId, false, e);
    }
    return new CloudImageException(what, code, requestId, false, e);
  }

  private static boolean isTransport(String code) {
    String c = code.toLowerCase(Locale.ROOT);
    return c.startsWith("sdk.")
        && (c.contains("timeout") || c.contains("unreachable") || c.contains("connect"));
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
