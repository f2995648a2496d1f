package io.cloudimage.core.provider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to connect to a provider. Credentials are never here: each provider takes them from its usual
 * chain (environment variables, profiles, instance roles).
 *
 * @param region the region, or {@code null} for the provider's default
 * @param endpoint an endpoint override (an emulator, a VPC endpoint), or {@code null}
 * @param profile a credentials profile name, or {@code null}
 * @param home the local provider's directory, or {@code null} for {@code $CLOUDIMAGE_HOME}, else
 *     {@code ~/.cloudimage}
 * @param callTimeout the most one provider call may take
 * @param retryPolicy how retryable failures are retried
 */
public record ProviderConfig(
    @Nullable String region,
    @Nullable URI endpoint,
    @Nullable String profile,
    @Nullable Path home,
    Duration callTimeout,
    RetryPolicy retryPolicy) {
  /** No overrides, a 60 s call timeout and the default retry policy. */
  public static final ProviderConfig DEFAULTS =
      new ProviderConfig(null, null, null, null, Duration.ofSeconds(60), RetryPolicy.DEFAULT);

  /** This configuration with a region. */
  public ProviderConfig withRegion(@Nullable String newRegion) {
    return new ProviderConfig(newRegion, endpoint, profile, home, callTimeout, retryPolicy);
  }

  /** This configuration with an endpoint. */
  public ProviderConfig withEndpoint(@Nullable URI newEndpoint) {
    return new ProviderConfig(region, newEndpoint, profile, home, callTimeout, retryPolicy);
  }

  /** This configuration with a profile. */
  public ProviderConfig withProfile(@Nullable String newProfile) {
    return new ProviderConfig(region, endpoint, newProfile, home, callTimeout, retryPolicy);
  }

  /** This configuration with a local home directory. */
  public ProviderConfig withHome(@Nullable Path newHome) {
    return new ProviderConfig(region, endpoint, profile, newHome, callTimeout, retryPolicy);
  }
}
