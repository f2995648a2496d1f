package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import io.cloudimage.core.model.Architecture;
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
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.model.guest.DeviceBinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** ECS answers into the model: images, snapshots, states, OS and tiers. */
final class EcsMapping {
  /** The tag the driver writes when it deprecates, because ECS keeps no deprecation time. */
  static final String DEPRECATED_AT_TAG = "cloudimage:deprecated-at";

  private static final long GIB = 1L << 30;
  private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");

  private EcsMapping() {}

  /** One DescribeImages entry as an image of {@code region}. */
  static Image image(DescribeImagesResponse.Image e, String region, Sharing sharing) {
    String id = text(e.getImageId());
    Tags tags = imageTags(e.getTags());
    String status = text(e.getStatus());
    Instant created = instant(e.getCreationTime(), Instant.EPOCH);
    Instant deprecation = null;
    if (status.equals("Deprecated")) {
      // ECS records no deprecation time; the driver's tag has it, else it was at the latest now.
      deprecation = tags.get(DEPRECATED_AT_TAG).map(t -> instant(t, created)).orElse(created);
    }
    List<DeviceBinding> bindings = new ArrayList<>();
    for (DescribeImagesResponse.Image.DiskDeviceMapping d : list(e.getDiskDeviceMappings())) {
      String device = text(d.getDevice());
      bindings.add(
          new DeviceBinding(
              device.isEmpty() ? "/dev/xvda" : device,
              gib(d.getSize()),
              blankToNull(d.getType()),
              blankToNull(d.getSnapshotId()),
              false,
              null,
              0,
              0,
              null,
              null));
    }
    String alias = text(e.getImageOwnerAlias());
    String family = blankToNull(e.getImageFamily());
    Long ownerId = e.getImageOwnerId();
    String name = text(e.getImageName());
    return Image.builder()
        .id(new ImageId(AliyunDriver.NAME, region, id))
        .name(name.isEmpty() ? id : name)
        .description(text(e.getDescription()))
        .owner(ownerId == null ? alias : String.valueOf(ownerId))
        .visibility(visibility(alias, text(e.getIsSelfShared()), sharing))
        .verifiedPublisher(alias.equals("system"))
        .architecture(architecture(e.getArchitecture()))
        .os(os(e.getPlatform(), e.getOSNameEn(), e.getOSName(), e.getOSType()))
        .created(created)
        .deprecation(deprecation)
        .state(state(status))
        .rootDevice(bindings.isEmpty() ? "/dev/xvda" : bindings.get(0).deviceName())
        .deviceBindings(bindings)
        .tags(tags)
        .sharing(sharing)
        .tier(StorageTier.HOT)
        .sizeBytes(e.getSize() == null ? 0 : e.getSize() * GIB)
        .inUse("instance".equals(e.getUsage()))
        .family(family)
        .build();
  }

  /** Whether an image entry was derived from a Marketplace image or is one. */
  static boolean fromMarketplace(DescribeImagesResponse.Image e) {
    return "marketplace".equals(e.getImageOwnerAlias()) || !text(e.getProductCode()).isEmpty();
  }

  /** ECS image states: Creating/Waiting, Available, UnAvailable, CreateFailed, Deprecated. */
  static ImageState state(String status) {
    return switch (status) {
      case "Creating", "Waiting" -> ImageState.PENDING;
      case "UnAvailable" -> ImageState.DISABLED;
      case "CreateFailed" -> ImageState.FAILED;
      default -> ImageState.AVAILABLE;
    };
  }

  private static Visibility visibility(String alias, String selfShared, Sharing sharing) {
    if (alias.equals("system") || alias.equals("marketplace")) {
      return Visibility.PUBLIC;
    }
    if (alias.equals("others") || sharing.isShared() || selfShared.equalsIgnoreCase("true")) {
      return Visibility.SHARED;
    }
    return Visibility.PRIVATE;
  }

  static Architecture architecture(@Nullable String text) {
    String a = text(text).toLowerCase(Locale.ROOT);
    return a.equals("arm64") || a.equals("aarch64") ? Architecture.ARM64 : Architecture.X86_64;
  }

  /** The OS from Platform ("Ubuntu", "Aliyun", "Windows Server 2022") and the OS name's version. */
  static OperatingSystem os(
      @Nullable String platform,
      @Nullable String osNameEn,
      @Nullable String osName,
      @Nullable String osType) {
    String p = text(platform).toLowerCase(Locale.ROOT);
    String name = text(osNameEn).isEmpty() ? text(osName) : text(osNameEn);
    OsFamily family;
    if (p.contains("ubuntu")) {
      family = OsFamily.UBUNTU;
    } else if (p.contains("debian")) {
      family = OsFamily.DEBIAN;
    } else if (p.contains("aliyun") || p.contains("alibaba")) {
      family = OsFamily.ALIBABA_CLOUD_LINUX;
    } else if (p.contains("centos")) {
      family = OsFamily.CENTOS;
    } else if (p.contains("red hat") || p.contains("redhat") || p.contains("rhel")) {
      family = OsFamily.RHEL;
    } else if (p.contains("rocky")) {
      family = OsFamily.ROCKY;
    } else if (p.contains("alma")) {
      family = OsFamily.ALMALINUX;
    } else if (p.contains("suse") || p.contains("sles")) {
      family = OsFamily.SUSE;
    } else if (p.contains("windows") || "windows".equalsIgnoreCase(osType)) {
      family = OsFamily.WINDOWS_SERVER;
    } else {
      family = OsFamily.OTHER;
    }
    Matcher m = VERSION.matcher(family == OsFamily.WINDOWS_SERVER ? p + " " + name : name);
    return OperatingSystem.of(family, m.find() ? m.group(1) : "unknown");
  }

  /** One DescribeSnapshots entry. */
  static Snapshot snapshot(DescribeSnapshotsResponse.Snapshot s, String region) {
    long size = gib(s.getSourceDiskSize());
    String kms = blankToNull(s.getKMSKeyId());
    boolean encrypted = Boolean.TRUE.equals(s.getEncrypted()) || kms != null;
    Map<String, String> tags = new LinkedHashMap<>();
    for (DescribeSnapshotsResponse.Snapshot.Tag t : list(s.getTags())) {
      tags.put(text(t.getTagKey()), text(t.getTagValue()));
    }
    return Snapshot.builder()
        .id(text(s.getSnapshotId()))
        .provider(AliyunDriver.NAME)
        .region(region)
        .description(text(s.getDescription()))
        .volumeSizeBytes(size)
        .fullSizeBytes(size)
        .incrementalSizeBytes(size)
        .created(instant(s.getCreationTime(), Instant.EPOCH))
        .tier("archive".equalsIgnoreCase(s.getCategory()) ? StorageTier.ARCHIVE : StorageTier.HOT)
        .state(snapshotState(text(s.getStatus())))
        .encrypted(encrypted)
        .kmsKeyId(kms)
        .tags(Tags.of(tags))
        .build();
  }

  private static SnapshotState snapshotState(String status) {
    return switch (status) {
      case "progressing" -> SnapshotState.PENDING;
      case "failed" -> SnapshotState.ERROR;
      default -> SnapshotState.COMPLETED;
    };
  }

  static Tags imageTags(@Nullable List<DescribeImagesResponse.Image.Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DescribeImagesResponse.Image.Tag t : list(tags)) {
      out.put(text(t.getTagKey()), text(t.getTagValue()));
    }
    return Tags.of(out);
  }

  /** Sharing with these accounts. */
  static Sharing sharing(List<String> accounts) {
    return accounts.isEmpty() ? Sharing.NONE : new Sharing(Set.copyOf(accounts), Set.of());
  }

  /** "45%" as 45; anything unreadable as 0. */
  static int percent(@Nullable String progress) {
    String p = text(progress).replace("%", "").trim();
    try {
      return p.isEmpty() ? 0 : Integer.parseInt(p);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Instant instant(@Nullable String text, Instant fallback) {
    String t = text(text);
    if (t.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(t.endsWith("Z") && t.length() == 17 ? t.replace("Z", ":00Z") : t);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  private static long gib(@Nullable Object size) {
    if (size == null) {
      return 0;
    }
    try {
      return Long.parseLong(size.toString().trim()) * GIB;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static <T> List<T> list(@Nullable List<T> l) {
    return l == null ? List.of() : l;
  }
}
