package io.cloudimage.core.local;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.ImageProviderFactory;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;
import java.nio.file.Path;

/** Makes {@link LocalProvider}s for {@code Providers.open("local", config)}. */
public final class LocalProviderFactory implements ImageProviderFactory {
  @Override
  public String name() {
    return LocalProvider.NAME;
  }

  @Override
  public ImageProvider open(ProviderConfig config) {
    AssumedRole role = config.role();
    if (role != null) {
      // A local home has no identities: acting as the caller instead would hide a wrong fleet file.
      throw new InvalidInputException(
          "the local provider cannot act as role '" + role.id() + "'; remove the role");
    }
    Path home = config.home();
    return LocalProvider.builder()
        .home(home == null ? LocalProvider.defaultHome() : home)
        .config(config)
        .build();
  }
}
