/**
 * Benchmarks of lifecycle planning: {@link io.cloudimage.bench.jmh.lifecycle.PlanningVersusParsing}
 * compares planning an inventory with merely parsing it, as run by {@code
 * scripts/bench-lifecycle.sh}.
 */
@NullMarked
package io.cloudimage.bench.jmh.lifecycle;

import org.jspecify.annotations.NullMarked;
