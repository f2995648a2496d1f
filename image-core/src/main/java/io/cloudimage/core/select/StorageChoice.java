package io.cloudimage.core.select;

import io.cloudimage.core.model.StorageTier;

/**
 * Where and how a recommended image is stored.
 *
 * @param tier the storage tier
 * @param strategy how the storage is organised
 */
public record StorageChoice(StorageTier tier, StorageStrategy strategy) {}
