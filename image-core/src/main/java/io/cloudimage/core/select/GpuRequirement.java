package io.cloudimage.core.select;

/**
 * Whether a workload needs a GPU. When it does, images without a GPU driver and instance types
 * without a GPU are excluded.
 *
 * <pre>{@code
 * Scenario render = Scenario.BATCH.toBuilder().name("render").gpu(GpuRequirement.REQUIRED).build();
 * ImageSelector selector = ImageSelector.builder().scenario(Scenario.BATCH).requireGpu().build();
 * }</pre>
 */
public enum GpuRequirement {
  /** Any image and instance type will do; GPU types are left to workloads that need them. */
  NOT_REQUIRED,

  /** The image must carry a GPU driver and the instance type a GPU. */
  REQUIRED
}
