/**
 * The seed's four-quadrant cost model: storage by tier and size, compute on demand or reserved
 * (with the break-even hours per month between them), and operating-system licences per node-year,
 * rolled up by {@link io.cloudimage.core.cost.CostReport} per image, per family and in total.
 * Amounts keep their currency; they are added across currencies only through {@link
 * io.cloudimage.core.pricing.ExchangeRates} the caller supplies.
 */
@NullMarked
package io.cloudimage.core.cost;

import org.jspecify.annotations.NullMarked;
