package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.ComputeCost;

/**
 * The answer: the best image, the instance type to run it on, how to store it, and what the
 * instance costs per month.
 *
 * @param image the best-ranked image
 * @param instanceType the instance type chosen for it
 * @param storage the scenario's storage tier and strategy
 * @param compute the instance's monthly cost on demand and reserved at the scenario's hours
 */
public record Recommendation(
    Image image, InstanceType instanceType, StorageChoice storage, ComputeCost compute) {}
