package io.cloudimage.aws;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.ImageProviderFactory;
import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;

/**
 * Opens the {@code aws} provider, found by {@link java.util.ServiceLoader}: {@code
 * Providers.open("aws", ProviderConfig.builder().region("eu-west-1").build())}. The role to assume,
 * if any, is the configuration's {@link ProviderConfig#role()}, else the one {@link
 * AwsOptions#fromEnvironment()} names; {@link #open(ProviderConfig, AwsOptions)} takes options
 * directly.
 */
public final class AwsProviderFactory implements ImageProviderFactory {

  /** The factory {@link java.util.ServiceLoader} makes. */
  public AwsProviderFactory() {}

  @Override
  public String name() {
    return "aws";
  }

  /**
   * Opens the provider acting as the configuration's {@linkplain ProviderConfig#role() role} when
   * it names one, else as the role the environment names ({@code CLOUDIMAGE_AWS_ROLE_ARN}), else as
   * the caller.
   *
   * @throws io.cloudimage.core.error.InvalidInputException when the role is not an IAM role ARN
   */
  @Override
  public ImageProvider open(ProviderConfig config) {
    return open(config, options(config, AwsOptions.fromEnvironment()));
  }

  /** The options {@link #open(ProviderConfig)} uses: the configuration's role wins. */
  static AwsOptions options(ProviderConfig config, AwsOptions fromEnvironment) {
    AssumedRole role = config.role();
    return role == null ? fromEnvironment : fromEnvironment.withRole(role);
  }

  /**
   * Opens the provider with explicit options (a role, credentials); a role named in the options is
   * used as given, else the configuration's role, if any.
   */
  public static ImageProvider open(ProviderConfig config, AwsOptions options) {
    return ImageProvider.of(new AwsDriver(config, options), config);
  }
}
