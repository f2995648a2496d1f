package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;

/**
 * The instance type chosen for an image and its place in the scenario's preference list.
 *
 * @param type the instance type
 * @param preference its index in {@link Scenario#instanceTypes()}, or {@code -1} when none of the
 *     preferred types fits and this is the cheapest one as big as the first preference
 */
record InstanceFit(InstanceType type, int preference) {}
