package io.cloudimage.core.pricing;

import io.cloudimage.core.model.StorageTier;

/**
 * Stored data as a price book bills it: the tier it is in now and the bytes each tier would bill
 * (an archive tier bills a full copy of a snapshot, the other tiers its increment). Lifecycle
 * resources implement it, so that prices never depend on the lifecycle types.
 */
public interface BilledStorage {
  /** The tier the data is in now. */
  StorageTier tier();

  /** The bytes billed in {@code tier}. */
  long billedBytes(StorageTier tier);
}
