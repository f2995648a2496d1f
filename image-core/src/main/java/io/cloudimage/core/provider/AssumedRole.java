package io.cloudimage.core.provider;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A role the provider acts as instead of the caller's own identity, so that one process can reach
 * several accounts: on AWS an IAM role assumed through STS {@code AssumeRole}. A provider that
 * cannot act as a role refuses a configuration that names one, rather than silently acting as the
 * caller.
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.builder()
 *     .region("eu-west-1")
 *     .role(AssumedRole.of("arn:aws:iam::210987654321:role/cloudimage-lifecycle")
 *         .withExternalId("ext-42"))
 *     .build();
 * }</pre>
 *
 * @param id the role's identifier in the provider's own form (an IAM role ARN on AWS); the provider
 *     checks its shape
 * @param externalId the external id the role's trust policy asks for, or {@code null}
 * @param sessionName the session name the provider's audit log shows (CloudTrail on AWS)
 */
public record AssumedRole(String id, @Nullable String externalId, String sessionName) {

  /** The session name used when none is given. */
  public static final String DEFAULT_SESSION_NAME = "cloudimage";

  /**
   * Checks the parts.
   *
   * @throws InvalidInputException when the id is blank or the session name is not 2 to 64 of
   *     letters, digits and {@code +=,.@_-}
   */
  public AssumedRole {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionName, "sessionName");
    if (id.isBlank()) {
      throw new InvalidInputException("the role to assume is blank");
    }
    if (externalId != null && externalId.isBlank()) {
      externalId = null;
    }
    if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
      throw new InvalidInputException(
          "role session name '" + sessionName + "' must be 2 to 64 of letters, digits and +=,.@_-");
    }
  }

  /** The role with no external id and the {@linkplain #DEFAULT_SESSION_NAME default session}. */
  public static AssumedRole of(String id) {
    return new AssumedRole(id, null, DEFAULT_SESSION_NAME);
  }

  /** This role with an external id. */
  public AssumedRole withExternalId(@Nullable String newExternalId) {
    return new AssumedRole(id, newExternalId, sessionName);
  }

  /** This role with a session name. */
  public AssumedRole withSessionName(String newSessionName) {
    return new AssumedRole(id, externalId, newSessionName);
  }
}
