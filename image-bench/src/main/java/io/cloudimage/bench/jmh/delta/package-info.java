/**
 * JMH benchmarks of deltas: {@link io.cloudimage.bench.jmh.delta.DeltaBenchmark} creates and
 * applies block and content-defined deltas between two versions of a disk.
 */
@NullMarked
package io.cloudimage.bench.jmh.delta;

import org.jspecify.annotations.NullMarked;
