/**
 * Running commands on a machine booted from the image under test: {@link
 * io.cloudimage.bench.run.SshCommandRunner}, an {@link io.cloudimage.core.host.CommandRunner} over
 * SSH beside image-core's local {@link io.cloudimage.core.host.LocalCommandRunner}, with timeouts,
 * cancellation and bounded output capture.
 */
@NullMarked
package io.cloudimage.bench.run;

import org.jspecify.annotations.NullMarked;
