/**
 * Prices and money in one place: {@link io.cloudimage.core.pricing.Money} (an amount in one
 * currency), {@link io.cloudimage.core.pricing.ExchangeRates} (the only way amounts cross
 * currencies), the storage prices of each tier ({@link io.cloudimage.core.pricing.TierProfile} per
 * tier, {@link io.cloudimage.core.pricing.TierPrices} per provider and region, read from {@link
 * io.cloudimage.core.pricing.PriceBook} or its shipped {@code storage-prices.json}), what a
 * resource costs to keep in a tier ({@link io.cloudimage.core.pricing.StorageCost}) and what an
 * instance costs to run ({@link io.cloudimage.core.pricing.ComputeCost}). Every type is immutable
 * and every amount keeps its currency.
 */
@NullMarked
package io.cloudimage.core.pricing;

import org.jspecify.annotations.NullMarked;
