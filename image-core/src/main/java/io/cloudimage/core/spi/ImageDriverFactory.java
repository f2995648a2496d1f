package io.cloudimage.core.spi;

import io.cloudimage.core.provider.ProviderConfig;

/**
 * Makes drivers; each provider module registers one in {@code
 * META-INF/services/io.cloudimage.core.spi.ImageDriverFactory}. Users never call it: {@link
 * io.cloudimage.core.provider.Providers#open} wraps the driver in the client.
 */
public interface ImageDriverFactory {
  /** The provider's name: {@code local}, {@code aws}, {@code aliyun}. */
  String name();

  /** Opens a driver; the client that wraps it closes it. */
  ImageDriver open(ProviderConfig config);
}
