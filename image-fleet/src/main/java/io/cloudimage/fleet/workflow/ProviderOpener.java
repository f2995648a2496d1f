package io.cloudimage.fleet.workflow;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.fleet.Shard;

/** Opens the provider of a shard, on the worker that runs the shard's activity. */
@FunctionalInterface
public interface ProviderOpener {
  /** The session name a shard's assumed role shows in the provider's audit log (CloudTrail). */
  String SESSION_NAME = "cloudimage-fleet";

  /** Opens the shard's provider; the caller closes it. */
  ImageProvider open(Shard shard);

  /**
   * Opens providers by name through {@link Providers}, with the shard's {@linkplain #config(Shard)
   * configuration}: its region, endpoint, home and role.
   */
  static ProviderOpener providers() {
    return shard -> Providers.open(shard.provider(), config(shard));
  }

  /**
   * The configuration a shard's provider is opened with: the shard's region, endpoint and home, and
   * its account's role as an {@link AssumedRole} with the session {@value #SESSION_NAME}, so that
   * one worker reaches every account. A provider that cannot act as a role refuses a shard that
   * names one.
   */
  static ProviderConfig config(Shard shard) {
    String role = shard.role();
    return ProviderConfig.builder()
        .region(shard.region())
        .endpoint(shard.endpointUri())
        .home(shard.homePath())
        .role(
            role == null
                ? null
                : AssumedRole.of(role)
                    .withExternalId(shard.externalId())
                    .withSessionName(SESSION_NAME))
        .build();
  }
}
