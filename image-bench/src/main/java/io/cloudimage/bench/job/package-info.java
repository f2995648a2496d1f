/**
 * Benchmark jobs: fluent {@link io.cloudimage.bench.job.FioJob} and {@link
 * io.cloudimage.bench.job.StressNgJob} definitions that produce the tools' real command lines and
 * job files.
 */
@NullMarked
package io.cloudimage.bench.job;

import org.jspecify.annotations.NullMarked;
