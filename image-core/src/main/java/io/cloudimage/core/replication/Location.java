package io.cloudimage.core.replication;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where images are replicated from or to: a home folder of the local provider, or a region (and
 * optionally another account) of a cloud provider.
 *
 * @param provider the provider's name: {@code local}, {@code aws}, {@code aliyun}
 * @param region the cloud region, or {@code null} on the local provider
 * @param account the cloud account to copy into, or {@code null} for the caller's own
 * @param home the local provider's home folder (absolute, normalised), or {@code null} on a cloud
 */
public record Location(
    String provider, @Nullable String region, @Nullable String account, @Nullable Path home) {
  /** The local provider's name. */
  public static final String LOCAL = "local";

  /** Checks the fields and normalises the home. */
  public Location {
    Objects.requireNonNull(provider, "provider");
    if (provider.equals(LOCAL)) {
      Objects.requireNonNull(home, "a local location needs a home");
      home = home.toAbsolutePath().normalize();
    } else {
      Objects.requireNonNull(region, "a cloud location needs a region");
    }
  }

  /** A home folder of the local provider. */
  public static Location localHome(Path home) {
    return new Location(LOCAL, null, null, home);
  }

  /** A region of a cloud provider, in the caller's account. */
  public static Location cloudRegion(String provider, String region) {
    return new Location(provider, region, null, null);
  }

  /** Whether this is a home of the local provider. */
  public boolean isLocal() {
    return provider.equals(LOCAL);
  }

  /** The home folder; only for a local location. */
  public Path requireHome() {
    Path h = home;
    if (h == null) {
      throw new IllegalStateException(this + " is not a local home");
    }
    return h;
  }

  /**
   * A short stable name for messages and journals: {@code local:/path} or {@code aws:eu-west-1}.
   */
  public String label() {
    if (isLocal()) {
      return LOCAL + ":" + home;
    }
    return provider + ":" + region + (account == null ? "" : "/" + account);
  }

  @Override
  public String toString() {
    return label();
  }
}
