package io.cloudimage.core.client;

import io.cloudimage.core.provider.ProviderConfig;

/**
 * Makes providers; each provider module registers one in {@code
 * META-INF/services/io.cloudimage.core.client.ImageProviderFactory}. A factory builds its cloud's
 * {@link io.cloudimage.core.spi.ImageDriver} and returns it wrapped in the client:
 *
 * <pre>{@code
 * public ImageProvider open(ProviderConfig config) {
 *   return ImageProvider.of(new AwsDriver(config), config);
 * }
 * }</pre>
 */
public interface ImageProviderFactory {
  /** The provider's name: {@code local}, {@code aws}, {@code aliyun}. */
  String name();

  /** Opens a provider; the caller closes it. */
  ImageProvider open(ProviderConfig config);
}
