package io.cloudimage.bench.check;

import io.cloudimage.bench.parse.GpuStatus;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.Command;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.progress.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes when the NVIDIA driver answers: {@code nvidia-smi --query-gpu=… --format=csv} runs, lists
 * at least {@code expectedGpus} GPUs, and each reports a driver version. The detail names each GPU,
 * its driver and its performance state. No {@code nvidia-smi} (no driver installed) fails the check
 * with that reason rather than stopping the list.
 */
public final class GpuCheck implements Check {
  /** The fields asked of nvidia-smi. */
  static final String QUERY = "name,pci.bus_id,driver_version,pstate,memory.total";

  private final int expectedGpus;
  private final CommandRunner runner;

  private GpuCheck(int expectedGpus, CommandRunner runner) {
    this.expectedGpus = expectedGpus;
    this.runner = runner;
  }

  /**
   * A check on this machine.
   *
   * @param expectedGpus how many GPUs must answer, at least 1
   */
  public static GpuCheck of(int expectedGpus) {
    return of(expectedGpus, new LocalCommandRunner());
  }

  /** As {@link #of(int)}, with nvidia-smi run by {@code runner} (e.g. over SSH). */
  public static GpuCheck of(int expectedGpus, CommandRunner runner) {
    if (expectedGpus < 1 || expectedGpus > 64) {
      throw new InvalidInputException("expected GPUs must be 1-64, was " + expectedGpus);
    }
    return new GpuCheck(expectedGpus, runner);
  }

  @Override
  public CheckResult run(Duration timeout) {
    String target = "nvidia-smi";
    long start = System.nanoTime();
    CommandResult r;
    try {
      r =
          runner.run(
              Command.of(List.of("nvidia-smi", "--query-gpu=" + QUERY, "--format=csv"), timeout),
              Cancellation.never());
    } catch (InvalidInputException e) {
      return new CheckResult(
          "gpu",
          target,
          false,
          Duration.ofNanos(System.nanoTime() - start),
          "no NVIDIA driver answers: " + e.getMessage());
    }
    if (!r.succeeded()) {
      return new CheckResult("gpu", target, false, r.elapsed(), r.summary());
    }
    List<GpuStatus> gpus;
    try {
      gpus = GpuStatus.parse(r.stdout(), List.of(), "nvidia-smi output");
    } catch (CloudImageException e) {
      return new CheckResult("gpu", target, false, r.elapsed(), String.valueOf(e.getMessage()));
    }
    List<String> seen = new ArrayList<>();
    boolean drivers = true;
    for (GpuStatus g : gpus) {
      String driver = g.driverVersion().orElse("");
      drivers &= !driver.isBlank();
      seen.add(
          g.name().orElse("?")
              + " (driver "
              + (driver.isBlank() ? "none" : driver)
              + ", "
              + g.field("pstate").orElse("?")
              + ")");
    }
    boolean passed = gpus.size() >= expectedGpus && drivers;
    String detail =
        gpus.size()
            + " GPU(s), "
            + expectedGpus
            + " expected: "
            + String.join("; ", seen)
            + (drivers ? "" : "; a GPU reports no driver version");
    return new CheckResult("gpu", target, passed, r.elapsed(), detail);
  }
}
