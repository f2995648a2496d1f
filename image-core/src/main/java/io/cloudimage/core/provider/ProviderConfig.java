package io.cloudimage.core.provider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to connect to a provider and how the client bounds its calls. Credentials are never here:
 * each provider takes them from its usual chain (environment variables, profiles, instance roles).
 *
 * <p>The three call settings play the roles of the AWS SDK's {@code apiCallTimeout}, {@code
 * apiCallAttemptTimeout} and retry strategy, and apply to every call of every operation:
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.builder()
 *     .region("eu-west-1")
 *     .callTimeout(Duration.ofSeconds(30))         // one call, retries included
 *     .callAttemptTimeout(Duration.ofSeconds(10))  // one attempt
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(4).build())
 *     .build();
 * }</pre>
 *
 * @param region the region, or {@code null} for the provider's default
 * @param endpoint an endpoint override (an emulator, a VPC endpoint), or {@code null}
 * @param profile a credentials profile name, or {@code null}
 * @param home the local provider's directory, or {@code null} for {@code $CLOUDIMAGE_HOME}, else
 *     {@code ~/.cloudimage}
 * @param role a role the provider acts as (another account), or {@code null} to act as the caller;
 *     a provider that cannot act as a role refuses one
 * @param callTimeout the most one short call (list a page, describe, tag, deregister…) may take,
 *     its retries included; default 60 s
 * @param callAttemptTimeout the most one attempt of a short call may take; default 20 s, never more
 *     than {@code callTimeout}
 * @param operationTimeout the most one long data operation (import, export, copy, create, tier
 *     moves, erase) may take; default 24 h
 * @param retryPolicy how retryable failures are retried
 */
public record ProviderConfig(
    @Nullable String region,
    @Nullable URI endpoint,
    @Nullable String profile,
    @Nullable Path home,
    @Nullable AssumedRole role,
    Duration callTimeout,
    Duration callAttemptTimeout,
    Duration operationTimeout,
    RetryPolicy retryPolicy) {

  /** No overrides, the default timeouts and the default retry policy. */
  public static final ProviderConfig DEFAULTS = builder().build();

  /** Checks the timeouts. */
  public ProviderConfig {
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(callAttemptTimeout, "callAttemptTimeout");
    Objects.requireNonNull(operationTimeout, "operationTimeout");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    positive(callTimeout, "callTimeout");
    positive(callAttemptTimeout, "callAttemptTimeout");
    positive(operationTimeout, "operationTimeout");
    if (callAttemptTimeout.compareTo(callTimeout) > 0) {
      throw new IllegalArgumentException(
          "ProviderConfig.callAttemptTimeout ("
              + callAttemptTimeout
              + ") must not exceed callTimeout ("
              + callTimeout
              + ")");
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("ProviderConfig." + name + " must be > 0, was " + d);
    }
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.region = region;
    b.endpoint = endpoint;
    b.profile = profile;
    b.home = home;
    b.role = role;
    b.callTimeout = callTimeout;
    b.callAttemptTimeout = callAttemptTimeout;
    b.operationTimeout = operationTimeout;
    b.retryPolicy = retryPolicy;
    return b;
  }

  /** This configuration with a region. */
  public ProviderConfig withRegion(@Nullable String newRegion) {
    return toBuilder().region(newRegion).build();
  }

  /** This configuration with an endpoint. */
  public ProviderConfig withEndpoint(@Nullable URI newEndpoint) {
    return toBuilder().endpoint(newEndpoint).build();
  }

  /** This configuration with a profile. */
  public ProviderConfig withProfile(@Nullable String newProfile) {
    return toBuilder().profile(newProfile).build();
  }

  /** This configuration with a local home directory. */
  public ProviderConfig withHome(@Nullable Path newHome) {
    return toBuilder().home(newHome).build();
  }

  /** This configuration acting as a role, or as the caller when {@code null}. */
  public ProviderConfig withRole(@Nullable AssumedRole newRole) {
    return toBuilder().role(newRole).build();
  }

  /** Builds a {@link ProviderConfig}. */
  public static final class Builder {
    private @Nullable String region;
    private @Nullable URI endpoint;
    private @Nullable String profile;
    private @Nullable Path home;
    private @Nullable AssumedRole role;
    private Duration callTimeout = Duration.ofSeconds(60);
    private @Nullable Duration callAttemptTimeout;
    private Duration operationTimeout = Duration.ofHours(24);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

    private Builder() {}

    /** The region, or {@code null} for the provider's default. */
    public Builder region(@Nullable String region) {
      this.region = region;
      return this;
    }

    /** An endpoint override, or {@code null}. */
    public Builder endpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** A credentials profile name, or {@code null}. */
    public Builder profile(@Nullable String profile) {
      this.profile = profile;
      return this;
    }

    /** The local provider's directory, or {@code null} for the default. */
    public Builder home(@Nullable Path home) {
      this.home = home;
      return this;
    }

    /** A role the provider acts as (another account), or {@code null} to act as the caller. */
    public Builder role(@Nullable AssumedRole role) {
      this.role = role;
      return this;
    }

    /** The most one short call may take, retries included; default 60 s. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /** The most one attempt of a short call may take; default 20 s or the call timeout. */
    public Builder callAttemptTimeout(Duration callAttemptTimeout) {
      this.callAttemptTimeout = callAttemptTimeout;
      return this;
    }

    /** The most one long data operation may take; default 24 h. */
    public Builder operationTimeout(Duration operationTimeout) {
      this.operationTimeout = operationTimeout;
      return this;
    }

    /** How retryable failures are retried; default {@link RetryPolicy#DEFAULT}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException when a timeout is not positive, or the attempt timeout
     *     exceeds the call timeout (naming both)
     */
    public ProviderConfig build() {
      Duration attempt = callAttemptTimeout;
      if (attempt == null) {
        Duration standard = Duration.ofSeconds(20);
        attempt = standard.compareTo(callTimeout) > 0 ? callTimeout : standard;
      }
      return new ProviderConfig(
          region,
          endpoint,
          profile,
          home,
          role,
          callTimeout,
          attempt,
          operationTimeout,
          retryPolicy);
    }
  }
}
