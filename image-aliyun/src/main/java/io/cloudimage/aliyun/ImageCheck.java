package io.cloudimage.aliyun;

import java.util.List;
import java.util.Locale;

/**
 * The result of the ECS image check that runs after an image is created or imported
 * (DetectionStrategy {@code Standard}): whether it has finished, and what it found about the guest
 * (virtio and NVMe drivers, fstab, GRUB, DHCP and the rest), each with the service's risk level.
 *
 * @param imageId the image checked
 * @param status the check's status: {@code Processing}, {@code Finished} or {@code Failed}; empty
 *     when no check ran
 * @param findings what the check reported, the items without risk included
 */
public record ImageCheck(String imageId, String status, List<Finding> findings) {
  public ImageCheck {
    findings = List.copyOf(findings);
  }

  /** Whether the check has an answer. */
  public boolean finished() {
    return status.equalsIgnoreCase("Finished") || status.equalsIgnoreCase("Failed");
  }

  /** The findings with a risk, high first. */
  public List<Finding> risks() {
    return findings.stream()
        .filter(Finding::risky)
        .sorted(java.util.Comparator.comparing(Finding::severity).reversed())
        .toList();
  }

  /** What part of the guest a finding is about. */
  public enum Topic {
    DRIVERS,
    FSTAB,
    GRUB,
    DHCP,
    OTHER
  }

  /** How serious a finding is, from the service's risk level. */
  public enum Severity {
    NONE,
    LOW,
    MEDIUM,
    HIGH
  }

  /**
   * One item of the check.
   *
   * @param check the item's name as the service gives it
   * @param value what the service found
   * @param riskLevel the service's risk level ({@code high}, {@code medium}, {@code low}), empty
   *     when none
   * @param riskCode the service's code for the risk, empty when none
   */
  public record Finding(String check, String value, String riskLevel, String riskCode) {
    /** The part of the guest the finding is about. */
    public Topic topic() {
      String c = check.toLowerCase(Locale.ROOT);
      if (c.contains("virtio") || c.contains("nvme") || c.contains("driver")) {
        return Topic.DRIVERS;
      }
      if (c.contains("fstab")) {
        return Topic.FSTAB;
      }
      if (c.contains("grub")) {
        return Topic.GRUB;
      }
      if (c.contains("dhcp")) {
        return Topic.DHCP;
      }
      return Topic.OTHER;
    }

    /** The severity from the risk level. */
    public Severity severity() {
      return switch (riskLevel.toLowerCase(Locale.ROOT)) {
        case "high" -> Severity.HIGH;
        case "medium" -> Severity.MEDIUM;
        case "low" -> Severity.LOW;
        default -> Severity.NONE;
      };
    }

    /** Whether the finding carries a risk. */
    public boolean risky() {
      return severity() != Severity.NONE;
    }
  }
}
