package io.cloudimage.fleet.workflow;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.fleet.Shard;

/** Opens the provider of a shard, on the worker that runs the shard's activity. */
@FunctionalInterface
public interface ProviderOpener {
  /** Opens the shard's provider; the caller closes it. */
  ImageProvider open(Shard shard);

  /**
   * Opens providers by name through {@link Providers}, with the shard's region, endpoint and home.
   * The shard's role is assumed by the provider itself where it supports roles.
   */
  static ProviderOpener providers() {
    return shard ->
        Providers.open(
            shard.provider(),
            ProviderConfig.builder()
                .region(shard.region())
                .endpoint(shard.endpointUri())
                .home(shard.homePath())
                .build());
  }
}
