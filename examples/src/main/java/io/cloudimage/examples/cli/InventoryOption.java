package io.cloudimage.examples.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --inventory FILE}: work from an inventory JSON (the {@code images list --json} shape)
 * instead of the live provider. Shared by the lifecycle commands as a picocli {@code @Mixin}.
 */
final class InventoryOption {
  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      description =
          "Work from an inventory JSON (the `images list --json` shape) instead of the provider.")
  @Nullable Path file;

  /** The inventory file, or null when the provider is to be asked. */
  @Nullable Path file() {
    return file;
  }
}
