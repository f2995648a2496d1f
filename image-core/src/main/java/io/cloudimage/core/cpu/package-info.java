/**
 * What the processor under the running JVM can do: {@link io.cloudimage.core.cpu.CpuFeatures} reads
 * the flags Linux reports in {@code /proc/cpuinfo} (AVX-512 variants on x86, SVE on ARM) so that
 * "does this image's required instruction set run here" has an answer before an instance is
 * launched from it.
 */
@NullMarked
package io.cloudimage.core.cpu;

import org.jspecify.annotations.NullMarked;
