package io.cloudimage.core.model;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an image runs on: instruction set, operating system, firmware, hypervisor mode, the CPU
 * flags it needs and the GPU driver it ships.
 *
 * @param architecture the instruction set
 * @param os the operating system
 * @param bootMode how firmware boots it
 * @param virtualization how the hypervisor runs it
 * @param requiredCpuFeatures CPU flags the image needs, as /proc/cpuinfo names them (such as {@code
 *     avx512f})
 * @param gpuDriver the GPU driver it ships (such as {@code nvidia-550.90}), or {@code null}
 */
public record Platform(
    Architecture architecture,
    OperatingSystem os,
    BootMode bootMode,
    Virtualization virtualization,
    Set<String> requiredCpuFeatures,
    @Nullable String gpuDriver) {
  /** Validates and copies the feature set. */
  public Platform {
    Checks.required(architecture, "Platform.architecture");
    Checks.required(os, "Platform.os");
    Checks.required(bootMode, "Platform.bootMode");
    Checks.required(virtualization, "Platform.virtualization");
    requiredCpuFeatures =
        Checks.copy(Checks.required(requiredCpuFeatures, "Platform.requiredCpuFeatures"));
  }

  /** An UEFI-preferred HVM platform with no required CPU flags and no GPU driver. */
  public static Platform of(Architecture architecture, OperatingSystem os) {
    return new Platform(
        architecture, os, BootMode.UEFI_PREFERRED, Virtualization.HVM, Set.of(), null);
  }
}
