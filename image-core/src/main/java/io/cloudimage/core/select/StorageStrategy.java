package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Locale;

/** How an image's storage is organised for a workload. */
public enum StorageStrategy {
  /**
   * A shared base layer plus small incremental layers: many services reuse the base, updates ship
   * as deltas, and launches stay fast on a hot tier.
   */
  LAYERED,
  /** A full image with periodic snapshots: point-in-time copies to restore data-bearing nodes. */
  SNAPSHOTS,
  /**
   * Image data on distributed or object storage that many nodes pull in parallel: big images, rare
   * launches, cheap cold storage.
   */
  DISTRIBUTED;

  /** The lower-case name used in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code layered}, {@code snapshots} or {@code distributed}, in any case.
   *
   * @throws InvalidInputException listing them
   */
  public static StorageStrategy parse(String text) {
    for (StorageStrategy s : values()) {
      if (s.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new InvalidInputException(
        "unknown storage strategy '" + text + "'; use layered, snapshots or distributed");
  }
}
