package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.provider.AssumedRole;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the AWS provider takes beyond {@link io.cloudimage.core.provider.ProviderConfig}: a role to
 * assume, explicit credentials, and how much each listed image is described.
 *
 * <pre>{@code
 * AwsOptions options = AwsOptions.DEFAULTS
 *     .assumeRole("arn:aws:iam::210987654321:role/cloudimage-inventory", "ext-42", "nightly");
 * try (ImageProvider other = AwsProviderFactory.open(config, options)) { ... }
 * }</pre>
 *
 * <p>{@code Providers.open("aws", config)} acts as {@link
 * io.cloudimage.core.provider.ProviderConfig#role()} when the configuration names one; otherwise it
 * reads the role from {@code CLOUDIMAGE_AWS_ROLE_ARN}, {@code CLOUDIMAGE_AWS_EXTERNAL_ID} and
 * {@code CLOUDIMAGE_AWS_SESSION_NAME}. A role given here with {@link #assumeRole} is used as given;
 * without one, the configuration's role applies. A profile with {@code role_arn} and {@code
 * source_profile} in {@code ~/.aws/config} works as well, through the SDK.
 *
 * @param roleArn the role to assume with STS AssumeRole, or {@code null} to act as the caller
 * @param externalId the external id the role's trust policy asks for, or {@code null}
 * @param sessionName the role session name, shown in CloudTrail
 * @param credentials an access key to use instead of the profile or the default chain, or {@code
 *     null}
 * @param listingDetail how much each listed image is described
 */
public record AwsOptions(
    @Nullable String roleArn,
    @Nullable String externalId,
    String sessionName,
    @Nullable AwsKeys credentials,
    ListingDetail listingDetail) {

  /** No role, the profile or default chain, and sharing described in listings. */
  public static final AwsOptions DEFAULTS =
      new AwsOptions(null, null, "cloudimage", null, ListingDetail.WITH_SHARING);

  /** Checks the role ARN's shape and the session name. */
  public AwsOptions {
    Objects.requireNonNull(sessionName, "sessionName");
    Objects.requireNonNull(listingDetail, "listingDetail");
    if (roleArn != null && !roleArn.matches("arn:aws[a-z-]*:iam::[0-9]{12}:role/.+")) {
      throw new InvalidInputException(
          "'" + roleArn + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    }
    if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
      throw new InvalidInputException(
          "role session name '" + sessionName + "' must be 2 to 64 of letters, digits and +=,.@_-");
    }
  }

  /** These options with a role to assume. */
  public AwsOptions assumeRole(String arn, @Nullable String external, String session) {
    return new AwsOptions(arn, external, session, credentials, listingDetail);
  }

  /** These options with an access key given by the application. */
  public AwsOptions withCredentials(AwsKeys keys) {
    return new AwsOptions(roleArn, externalId, sessionName, keys, listingDetail);
  }

  /** These options with another listing detail. */
  public AwsOptions withListingDetail(ListingDetail detail) {
    return new AwsOptions(roleArn, externalId, sessionName, credentials, detail);
  }

  /** The options the environment gives ({@code CLOUDIMAGE_AWS_ROLE_ARN} and friends). */
  public static AwsOptions fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** The options an environment gives; {@code env} answers {@code null} for an unset variable. */
  static AwsOptions fromEnvironment(Function<String, @Nullable String> env) {
    String role = blankToNull(env.apply("CLOUDIMAGE_AWS_ROLE_ARN"));
    if (role == null) {
      return DEFAULTS;
    }
    String session = blankToNull(env.apply("CLOUDIMAGE_AWS_SESSION_NAME"));
    return DEFAULTS.assumeRole(
        role,
        blankToNull(env.apply("CLOUDIMAGE_AWS_EXTERNAL_ID")),
        session == null ? "cloudimage" : session);
  }

  /**
   * These options acting as the configuration's role when they name none themselves: a role given
   * here explicitly is kept.
   *
   * @throws InvalidInputException when the role is not an IAM role ARN
   */
  AwsOptions actingAs(@Nullable AssumedRole role) {
    return roleArn != null || role == null ? this : withRole(role);
  }

  /** These options acting as a role, whatever they named before. */
  AwsOptions withRole(AssumedRole role) {
    return assumeRole(role.id(), role.externalId(), role.sessionName());
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
