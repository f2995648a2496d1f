package io.cloudimage.core.model.guest;

import java.util.List;

/**
 * The process-state snapshot recorded at capture: which cgroup the workload ran in and its limits,
 * so a restored image can be given the same limits.
 *
 * @param path the cgroup path, such as {@code /system.slice/app.service}
 * @param controllers the enabled controllers, such as {@code cpu}, {@code memory}, {@code io}
 * @param cpuQuotaMicros the CPU quota per period in microseconds, or {@code -1} for unlimited
 * @param cpuPeriodMicros the CPU period in microseconds (100000 by default)
 * @param memoryLimitBytes the memory limit, or {@code -1} for unlimited
 */
public record CgroupState(
    String path,
    List<String> controllers,
    long cpuQuotaMicros,
    long cpuPeriodMicros,
    long memoryLimitBytes) {
  public CgroupState {
    Checks.nonBlank(path, "CgroupState.path");
    controllers = Checks.copy(controllers);
    if (cpuQuotaMicros < -1 || memoryLimitBytes < -1) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "CgroupState.cpuQuotaMicros and memoryLimitBytes must be >= 0 or -1 (unlimited)");
    }
    if (cpuPeriodMicros <= 0) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "CgroupState.cpuPeriodMicros must be > 0, was " + cpuPeriodMicros);
    }
  }

  /** The CPU limit in cores, or {@code -1} for unlimited. */
  public double cpuLimitCores() {
    return cpuQuotaMicros < 0 ? -1 : (double) cpuQuotaMicros / cpuPeriodMicros;
  }
}
