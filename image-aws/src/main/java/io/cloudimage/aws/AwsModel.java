package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.BootMode;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.SnapshotState;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.Virtualization;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.model.guest.DeviceBinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Maps EC2's images and snapshots onto the cloudimage model. */
final class AwsModel {
  /** The tag that names an image's family; AWS has no family of its own. */
  static final String FAMILY_TAG = "cloudimage:family";

  /** The tag that names an image's operating system as {@code FAMILY:VERSION}. */
  static final String OS_TAG = "cloudimage:os";

  /** The tag a created image carries with the idempotency token of the request that made it. */
  static final String TOKEN_TAG = "cloudimage:client-token";

  private static final long GIB = 1L << 30;

  private AwsModel() {}

  /**
   * An image.
   *
   * @param inUse whether instances or launch templates use it
   * @param sharing the accounts it is shared with, when described
   * @param lastLaunched when it was last launched, when known
   */
  static Image image(
      software.amazon.awssdk.services.ec2.model.Image ami,
      String region,
      boolean inUse,
      Sharing sharing,
      @Nullable Instant lastLaunched) {
    Tags tags = tags(ami.tags());
    List<DeviceBinding> devices = new ArrayList<>();
    long size = 0;
    for (BlockDeviceMapping m : ami.blockDeviceMappings()) {
      EbsBlockDevice ebs = m.ebs();
      if (ebs == null || m.deviceName() == null) {
        continue; // instance-store and "no device" entries hold no billed storage
      }
      long bytes = ebs.volumeSize() == null ? 0 : ebs.volumeSize() * GIB;
      size += bytes;
      boolean encrypted = Boolean.TRUE.equals(ebs.encrypted());
      devices.add(
          new DeviceBinding(
              m.deviceName(),
              bytes,
              ebs.volumeTypeAsString(),
              ebs.snapshotId(),
              encrypted,
              encrypted ? ebs.kmsKeyId() : null,
              ebs.iops() == null ? 0 : ebs.iops(),
              ebs.throughput() == null ? 0 : ebs.throughput(),
              null,
              null));
    }
    Architecture arch = architecture(ami.architectureAsString());
    Instant created = instant(ami.creationDate());
    if (created == null) {
      created = Instant.EPOCH;
    }
    Instant launched = lastLaunched != null ? lastLaunched : instant(ami.lastLaunchedTime());
    if (launched != null && launched.isBefore(created)) {
      launched = created; // clocks of two services; never before creation in the model
    }
    String name = ami.name() == null || ami.name().isBlank() ? ami.imageId() : ami.name();
    Visibility visibility =
        Boolean.TRUE.equals(ami.publicLaunchPermissions())
            ? Visibility.PUBLIC
            : sharing.isShared() ? Visibility.SHARED : Visibility.PRIVATE;
    String protection = ami.deregistrationProtection();
    return Image.builder()
        .id(new ImageId("aws", region, ami.imageId()))
        .name(name)
        .description(ami.description() == null ? "" : ami.description())
        .owner(ami.ownerId() == null ? "" : ami.ownerId())
        .visibility(visibility)
        .verifiedPublisher("amazon".equals(ami.imageOwnerAlias()))
        .architecture(arch)
        .bootMode(bootMode(ami.bootModeAsString(), arch))
        .virtualization(
            "paravirtual".equals(ami.virtualizationTypeAsString())
                ? Virtualization.PARAVIRTUAL
                : Virtualization.HVM)
        .os(os(ami, tags))
        .created(created)
        .lastLaunched(launched)
        .deprecation(instant(ami.deprecationTime()))
        .state(state(ami.stateAsString()))
        .rootDevice(ami.rootDeviceName() == null ? "" : ami.rootDeviceName())
        .deviceBindings(devices)
        .tags(tags)
        .sharing(sharing)
        .tier(StorageTier.HOT)
        .sizeBytes(size)
        .inUse(inUse)
        .deregistrationProtected(protection != null && protection.startsWith("enabled"))
        .family(tags.get(FAMILY_TAG).orElse(null))
        .build();
  }

  /** A snapshot. */
  static Snapshot snapshot(software.amazon.awssdk.services.ec2.model.Snapshot s, String region) {
    long volume = s.volumeSize() == null ? 0 : s.volumeSize() * GIB;
    long full = s.fullSnapshotSizeInBytes() != null ? s.fullSnapshotSizeInBytes() : volume;
    Instant created = s.startTime() != null ? s.startTime() : Instant.EPOCH;
    boolean encrypted = Boolean.TRUE.equals(s.encrypted());
    StorageTier tier =
        "archive".equals(s.storageTierAsString()) ? StorageTier.ARCHIVE : StorageTier.HOT;
    return Snapshot.builder()
        .id(s.snapshotId())
        .provider("aws")
        .region(region)
        .description(s.description() == null ? "" : s.description())
        .volumeSizeBytes(volume)
        .fullSizeBytes(full)
        // EC2 does not tell a snapshot's increment; its full size is the upper bound.
        .incrementalSizeBytes(full)
        .created(created)
        .tier(tier)
        .state(snapshotState(s.stateAsString()))
        .encrypted(encrypted)
        .kmsKeyId(encrypted ? s.kmsKeyId() : null)
        .tags(tags(s.tags()))
        .build();
  }

  static Tags tags(List<Tag> tags) {
    Map<String, String> map = new TreeMap<>();
    for (Tag t : tags) {
      if (t.key() != null) {
        map.put(t.key(), t.value() == null ? "" : t.value());
      }
    }
    return Tags.of(map);
  }

  static List<Tag> awsTags(Tags tags) {
    List<Tag> out = new ArrayList<>();
    tags.asMap().forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  /** The snapshot ids backing an image. */
  static Set<String> snapshotIds(software.amazon.awssdk.services.ec2.model.Image ami) {
    Set<String> ids = new LinkedHashSet<>();
    for (BlockDeviceMapping m : ami.blockDeviceMappings()) {
      if (m.ebs() != null && m.ebs().snapshotId() != null) {
        ids.add(m.ebs().snapshotId());
      }
    }
    return ids;
  }

  static Architecture architecture(@Nullable String aws) {
    if (aws == null) {
      return Architecture.X86_64;
    }
    // i386 and x86_64_mac run x86 code; arm64_mac runs arm64 code.
    return aws.startsWith("arm64") ? Architecture.ARM64 : Architecture.X86_64;
  }

  static String awsArchitecture(Architecture arch) {
    return arch == Architecture.ARM64 ? "arm64" : "x86_64";
  }

  private static BootMode bootMode(@Nullable String aws, Architecture arch) {
    if ("uefi".equals(aws)) {
      return BootMode.UEFI;
    }
    if ("legacy-bios".equals(aws)) {
      return BootMode.BIOS;
    }
    if ("uefi-preferred".equals(aws)) {
      return BootMode.UEFI_PREFERRED;
    }
    // Unset: Graviton boots UEFI, x86 instance types boot legacy BIOS.
    return arch == Architecture.ARM64 ? BootMode.UEFI : BootMode.BIOS;
  }

  private static OperatingSystem os(
      software.amazon.awssdk.services.ec2.model.Image ami, Tags tags) {
    String tagged = tags.get(OS_TAG).orElse(null);
    if (tagged != null) {
      try {
        return OperatingSystem.parse(tagged);
      } catch (InvalidInputException e) {
        // a malformed tag is no reason to hide the image; fall back to what AWS says
      }
    }
    String platform = ami.platformDetails() == null ? "" : ami.platformDetails();
    String text =
        (platform + " " + (ami.name() == null ? "" : ami.name())).toLowerCase(Locale.ROOT);
    if ("windows".equals(ami.platformAsString()) || text.contains("windows")) {
      return OperatingSystem.of(OsFamily.WINDOWS_SERVER, "unknown");
    }
    if (text.contains("red hat") || text.contains("rhel")) {
      return OperatingSystem.of(OsFamily.RHEL, "unknown");
    }
    if (text.contains("suse") || text.contains("sles")) {
      return OperatingSystem.of(OsFamily.SUSE, "unknown");
    }
    if (text.contains("ubuntu")) {
      return OperatingSystem.of(OsFamily.UBUNTU, "unknown");
    }
    if (text.contains("debian")) {
      return OperatingSystem.of(OsFamily.DEBIAN, "unknown");
    }
    if (text.contains("al2023") || text.contains("amzn") || text.contains("amazon linux")) {
      return OperatingSystem.of(OsFamily.AMAZON_LINUX, "unknown");
    }
    return OperatingSystem.of(OsFamily.OTHER, "unknown");
  }

  private static ImageState state(@Nullable String aws) {
    if (aws == null) {
      return ImageState.AVAILABLE;
    }
    switch (aws) {
      case "pending":
      case "transient":
        return ImageState.PENDING;
      case "available":
        return ImageState.AVAILABLE;
      case "disabled":
        return ImageState.DISABLED;
      case "deregistered":
        return ImageState.DEREGISTERED;
      case "failed":
      case "error":
        return ImageState.FAILED;
      default:
        return ImageState.BROKEN; // "invalid" and states added after this release
    }
  }

  private static SnapshotState snapshotState(@Nullable String aws) {
    if (aws == null) {
      return SnapshotState.COMPLETED;
    }
    switch (aws) {
      case "pending":
        return SnapshotState.PENDING;
      case "completed":
        return SnapshotState.COMPLETED;
      case "recovering":
      case "recoverable":
        return SnapshotState.MOVING;
      default:
        return SnapshotState.ERROR;
    }
  }

  /** An EC2 timestamp (ISO-8601), or {@code null} when absent or unreadable. */
  static @Nullable Instant instant(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
