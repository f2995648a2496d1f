package io.cloudimage.core.client;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.provider.ProviderConfig;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds providers on the class path by name through {@link ServiceLoader}.
 *
 * <pre>{@code
 * try (ImageProvider provider = Providers.open("local", ProviderConfig.DEFAULTS.withHome(dir))) {
 *   provider.images(ImageQuery.ALL).forEach(System.out::println);
 * }
 * }</pre>
 */
public final class Providers {
  private Providers() {}

  /** Every factory on the class path, by name. */
  public static SortedMap<String, ImageProviderFactory> factories() {
    SortedMap<String, ImageProviderFactory> all = new TreeMap<>();
    for (ImageProviderFactory f : ServiceLoader.load(ImageProviderFactory.class)) {
      all.put(f.name(), f);
    }
    return all;
  }

  /**
   * Opens the named provider.
   *
   * @throws InvalidInputException when no provider has that name, listing those that exist
   */
  public static ImageProvider open(String name, ProviderConfig config) {
    SortedMap<String, ImageProviderFactory> all = factories();
    ImageProviderFactory factory = all.get(name);
    if (factory == null) {
      throw new InvalidInputException(
          "unknown provider '" + name + "'; available: " + String.join(", ", all.keySet()));
    }
    return factory.open(config);
  }
}
