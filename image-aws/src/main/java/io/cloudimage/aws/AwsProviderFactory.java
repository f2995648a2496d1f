package io.cloudimage.aws;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.ImageProviderFactory;
import io.cloudimage.core.provider.ProviderConfig;

/**
 * Opens the {@code aws} provider, found by {@link java.util.ServiceLoader}: {@code
 * Providers.open("aws", ProviderConfig.builder().region("eu-west-1").build())}. The role to assume,
 * if any, comes from {@link AwsOptions#fromEnvironment()}; {@link #open(ProviderConfig,
 * AwsOptions)} takes options directly.
 */
public final class AwsProviderFactory implements ImageProviderFactory {

  /** The factory {@link java.util.ServiceLoader} makes. */
  public AwsProviderFactory() {}

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public ImageProvider open(ProviderConfig config) {
    return open(config, AwsOptions.fromEnvironment());
  }

  /** Opens the provider with explicit options (a role, credentials). */
  public static ImageProvider open(ProviderConfig config, AwsOptions options) {
    return ImageProvider.of(new AwsDriver(config, options), config);
  }
}
