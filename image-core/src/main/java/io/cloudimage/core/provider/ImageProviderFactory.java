package io.cloudimage.core.provider;

/**
 * Makes providers; each provider module registers one in {@code
 * META-INF/services/io.cloudimage.core.provider.ImageProviderFactory}.
 */
public interface ImageProviderFactory {
  /** The provider's name: {@code local}, {@code aws}, {@code aliyun}. */
  String name();

  /** Opens a provider; the caller closes it. */
  ImageProvider open(ProviderConfig config);
}
