/**
 * The reference data selection and costing stand on: the {@link
 * io.cloudimage.core.catalog.OsLifecycleCatalog lifecycle of operating systems} (release, end of
 * standard and extended support, cadence, licence), the {@link
 * io.cloudimage.core.catalog.InstanceCatalog instance types} of AWS and Alibaba Cloud (shape, CPU
 * features, GPU, on-demand and reserved prices); storage tier prices are in {@link
 * io.cloudimage.core.pricing.PriceBook}. Each is shipped as a versioned JSON resource that cites
 * its sources and the date it was read, and each can be replaced by a file of the user's own with
 * {@code load(Path)}.
 */
@NullMarked
package io.cloudimage.core.catalog;

import org.jspecify.annotations.NullMarked;
