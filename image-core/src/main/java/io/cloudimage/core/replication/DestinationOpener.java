package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;

/**
 * Opens the provider client that acts at a destination: a local provider on its home, or a cloud
 * provider's client in the destination's region. The replicator closes what it opens.
 */
@FunctionalInterface
public interface DestinationOpener {
  /** A client acting at {@code location}. */
  ImageProvider open(Location location);
}
