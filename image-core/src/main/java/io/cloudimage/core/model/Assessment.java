package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What has been checked and measured of an image: its publisher and signature, its patch level and
 * vulnerabilities, its boot time and benchmark results. Selection scores images on these.
 *
 * @param signature what is known about its publisher signature
 * @param verifiedPublisher whether the publisher is the OS vendor or a verified marketplace
 *     publisher
 * @param knownVulnerabilities open vulnerabilities its SBOM matched, or {@code -1} when unknown
 * @param lastPatched when its packages were last updated; {@code null} when unknown
 * @param bootTime the measured time to a usable system, or {@code null} when not measured
 * @param benchmarks benchmark results by name (such as {@code fio.randread.iops}); higher is better
 */
public record Assessment(
    SignatureStatus signature,
    boolean verifiedPublisher,
    int knownVulnerabilities,
    @Nullable Instant lastPatched,
    @Nullable Duration bootTime,
    Map<String, Double> benchmarks) {
  /** Nothing known: signature unknown, vulnerabilities unknown, nothing measured. */
  public static final Assessment UNKNOWN =
      new Assessment(SignatureStatus.UNKNOWN, false, -1, null, null, Map.of());

  /** Validates and copies the benchmarks. */
  public Assessment {
    Checks.required(signature, "Assessment.signature");
    benchmarks = Checks.copy(Checks.required(benchmarks, "Assessment.benchmarks"));
    if (knownVulnerabilities < -1) {
      throw new InvalidInputException(
          "Image.knownVulnerabilities must be >= 0, or -1 when unknown, was "
              + knownVulnerabilities);
    }
    if (bootTime != null && bootTime.isNegative()) {
      throw new InvalidInputException("Image.bootTime must be >= 0, was " + bootTime);
    }
  }
}
