/**
 * Running commands: the {@link io.cloudimage.bench.run.CommandRunner} SPI, a local process runner
 * and an SSH runner, with timeouts, cancellation and bounded output capture.
 */
@NullMarked
package io.cloudimage.bench.run;

import org.jspecify.annotations.NullMarked;
