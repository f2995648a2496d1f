package io.cloudimage.core.local;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.ImageProviderFactory;
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
    Path home = config.home();
    return LocalProvider.builder()
        .home(home == null ? LocalProvider.defaultHome() : home)
        .config(config)
        .build();
  }
}
