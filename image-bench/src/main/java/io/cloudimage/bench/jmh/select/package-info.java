/**
 * JMH benchmarks of image selection: {@link io.cloudimage.bench.jmh.select.SelectionBenchmark}
 * weighs scoring and ranking candidates against parsing their catalog.
 */
@NullMarked
package io.cloudimage.bench.jmh.select;

import org.jspecify.annotations.NullMarked;
