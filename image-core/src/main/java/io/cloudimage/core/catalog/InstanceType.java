package io.cloudimage.core.catalog;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.pricing.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One instance type a recommendation can name, with its shape and price in one region.
 *
 * @param provider {@code aws} or {@code aliyun}
 * @param name the provider's name, such as {@code m6i.large} or {@code ecs.g7.large}
 * @param region the region the prices are for
 * @param vcpus virtual CPUs
 * @param memoryGib memory in GiB
 * @param architecture the instruction set
 * @param cpuFeatures CPU flags as {@code /proc/cpuinfo} names them ({@code avx512f}, {@code sve})
 * @param gpu the accelerators, or {@code null} when none
 * @param onDemandPerHour the pay-as-you-go price per hour (Linux, no licence included)
 * @param reservedPerHour the effective hourly price of a one-year commitment, no upfront
 * @param source the URL the prices were read from
 * @param asOf when they were read
 */
public record InstanceType(
    String provider,
    String name,
    String region,
    int vcpus,
    BigDecimal memoryGib,
    Architecture architecture,
    Set<String> cpuFeatures,
    @Nullable Gpu gpu,
    Money onDemandPerHour,
    Money reservedPerHour,
    String source,
    LocalDate asOf) {
  public InstanceType {
    String where = "instance type " + provider + "/" + name;
    if (provider.isBlank() || name.isBlank() || region.isBlank()) {
      throw new InvalidInputException(where + ": provider, name and region must not be blank");
    }
    if (vcpus < 1 || memoryGib.signum() <= 0) {
      throw new InvalidInputException(where + ": vcpus and memoryGib must be > 0");
    }
    if (onDemandPerHour.isNegative() || reservedPerHour.isNegative()) {
      throw new InvalidInputException(where + ": prices must be >= 0");
    }
    if (!onDemandPerHour.currency().equals(reservedPerHour.currency())) {
      throw new InvalidInputException(
          where + ": onDemandPerHour and reservedPerHour must be in one currency");
    }
    cpuFeatures = Set.copyOf(new TreeSet<>(cpuFeatures));
  }

  /** Whether the CPU has the AVX-512 foundation instructions. */
  public boolean hasAvx512() {
    return cpuFeatures.contains("avx512f");
  }

  /** Whether it has at least one GPU. */
  public boolean hasGpu() {
    return gpu != null;
  }

  /** The flags of {@code required} this type's CPU lacks, sorted; empty when it has them all. */
  public Set<String> missing(Set<String> required) {
    Set<String> out = new TreeSet<>(required);
    out.removeAll(cpuFeatures);
    return out;
  }

  /** Provider and name, such as {@code aws/m6i.large}. */
  @Override
  public String toString() {
    return provider + "/" + name;
  }
}
