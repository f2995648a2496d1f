/**
 * Comparing repeated runs on two images: medians, interquartile ranges, a bootstrap confidence
 * interval of the ratio, a Mann-Whitney U test and a verdict per metric.
 */
@NullMarked
package io.cloudimage.bench.compare;

import org.jspecify.annotations.NullMarked;
