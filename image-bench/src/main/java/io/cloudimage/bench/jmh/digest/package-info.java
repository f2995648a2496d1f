/**
 * JMH benchmarks of digests: {@link io.cloudimage.bench.jmh.digest.DigestBenchmark} weighs one
 * SHA-256 pass against several digests in one pass over the same file.
 */
@NullMarked
package io.cloudimage.bench.jmh.digest;

import org.jspecify.annotations.NullMarked;
