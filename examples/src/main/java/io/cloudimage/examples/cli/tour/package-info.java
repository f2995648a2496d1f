/**
 * The steps of {@code cloudimage tour}: one class per step, each calling the public API on a fresh
 * local provider and printing what it showed. {@link io.cloudimage.examples.cli.tour.TourSteps}
 * gives them in order.
 */
@NullMarked
package io.cloudimage.examples.cli.tour;

import org.jspecify.annotations.NullMarked;
