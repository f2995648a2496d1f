package io.cloudimage.core.pricing;

import java.time.LocalDate;

/**
 * The storage tier prices of one provider and region, with where they came from.
 *
 * @param provider {@code aws}, {@code aliyun} or {@code local}
 * @param region the region, {@code local} for the local provider
 * @param tiers the profile of every tier
 * @param source the URLs the prices were read from
 * @param asOf when they were read
 */
public record RegionalStoragePrices(
    String provider, String region, TierPrices tiers, String source, LocalDate asOf) {}
