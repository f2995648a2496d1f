package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.guest.CgroupState;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.model.guest.FilesystemInfo;
import io.cloudimage.core.model.guest.GuestState;
import io.cloudimage.core.model.guest.NetworkState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cloud server system image and everything cloudimage knows about it. The identity (id, name,
 * description, owner, family, state, dates, tags) is held here; the rest is grouped by who reads
 * it: {@link #platform()} (what it runs on), {@link #storage()} (where its data is), {@link
 * #assessment()} (what was checked and measured), {@link #usage()} (who may use it and whether
 * anyone does) and {@link #guest()} (the guest state recorded at capture).
 *
 * <pre>{@code
 * Image image = Image.builder()
 *     .id(new ImageId("local", "local", "img-0123456789abcdef"))
 *     .name("web-base-2026.11")
 *     .architecture(Architecture.ARM64)
 *     .os(OsFamily.UBUNTU, "24.04")
 *     .created(Instant.parse("2026-11-01T00:00:00Z"))
 *     .build();
 * Image archived = image.toBuilder().tier(StorageTier.ARCHIVE).build();
 * StorageTier tier = archived.storage().tier();
 * }</pre>
 *
 * <p>Over 400 lines only because its builder keeps one setter per field beside the group setters,
 * so that provider mappings can fill an image field by field.
 */
public final class Image {
  private final ImageId id;
  private final String name;
  private final String description;
  private final String owner;
  private final @Nullable String family;
  private final ImageState state;
  private final Instant created;
  private final @Nullable Instant deprecation;
  private final Tags tags;
  private final Platform platform;
  private final Storage storage;
  private final Assessment assessment;
  private final Usage usage;
  private final GuestState guest;

  private Image(Builder b) {
    this.id = Checks.required(b.id, "Image.id");
    this.name = Checks.nonBlank(b.name, "Image.name");
    this.description = Checks.required(b.description, "Image.description");
    this.owner = Checks.required(b.owner, "Image.owner");
    this.family = b.family;
    this.state = Checks.required(b.state, "Image.state");
    this.created = Checks.required(b.created, "Image.created");
    this.deprecation = b.deprecation;
    this.tags = Checks.required(b.tags, "Image.tags");
    // The flat names first, so that a message names the builder setter that was missed.
    this.platform =
        new Platform(
            Checks.required(b.architecture, "Image.architecture"),
            Checks.required(b.os, "Image.os"),
            Checks.required(b.bootMode, "Image.bootMode"),
            Checks.required(b.virtualization, "Image.virtualization"),
            Checks.required(b.requiredCpuFeatures, "Image.requiredCpuFeatures"),
            b.gpuDriver);
    this.storage =
        new Storage(
            Checks.required(b.tier, "Image.tier"),
            Checks.nonNegative(b.sizeBytes, "Image.sizeBytes"),
            b.format,
            b.digest,
            Checks.required(b.layers, "Image.layers"));
    this.assessment =
        new Assessment(
            Checks.required(b.signature, "Image.signature"),
            b.verifiedPublisher,
            b.knownVulnerabilities,
            b.lastPatched,
            b.bootTime,
            Checks.required(b.benchmarks, "Image.benchmarks"));
    this.usage =
        new Usage(
            Checks.required(b.visibility, "Image.visibility"),
            Checks.required(b.sharing, "Image.sharing"),
            b.inUse,
            b.lastLaunched,
            b.deregistrationProtected);
    this.guest =
        new GuestState(
            Checks.required(b.rootDevice, "Image.rootDevice"),
            Checks.required(b.deviceBindings, "Image.deviceBindings"),
            Checks.required(b.filesystems, "Image.filesystems"),
            Checks.required(b.networkState, "Image.networkState"),
            b.cgroupState);
    Instant launched = usage.lastLaunched();
    if (launched != null && launched.isBefore(created)) {
      throw new InvalidInputException(
          "Image.lastLaunched ("
              + launched
              + ") is before Image.created ("
              + created
              + ") for "
              + id);
    }
  }

  /** The provider's own id, such as {@code ami-0abc…}: what commands and plans name. */
  public String nativeId() {
    return id.nativeId();
  }

  /** Whether the image is deprecated as of {@code now}. */
  public boolean isDeprecatedAt(Instant now) {
    Instant d = deprecation;
    return d != null && !d.isAfter(now);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this image's values, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.description = description;
    b.owner = owner;
    b.family = family;
    b.state = state;
    b.created = created;
    b.deprecation = deprecation;
    b.tags = tags;
    return b.platform(platform).storage(storage).assessment(assessment).usage(usage).guest(guest);
  }

  /** Returns where the image lives and its provider's id. */
  public ImageId id() {
    return id;
  }

  /** Returns the image name. */
  public String name() {
    return name;
  }

  /** Returns a free-text description; empty when none. */
  public String description() {
    return description;
  }

  /** Returns the owning account; empty when unknown. */
  public String owner() {
    return owner;
  }

  /**
   * Returns the image family (ECS image family, or a name the owner groups versions by), or {@code
   * null}.
   */
  public @Nullable String family() {
    return family;
  }

  /** Returns its state; default available. */
  public ImageState state() {
    return state;
  }

  /** Returns when it was created. */
  public Instant created() {
    return created;
  }

  /** Returns when it is or was deprecated; {@code null} when not. */
  public @Nullable Instant deprecation() {
    return deprecation;
  }

  /** Returns its tags. */
  public Tags tags() {
    return tags;
  }

  /** Returns what it runs on: architecture, operating system, boot mode, CPU flags, GPU driver. */
  public Platform platform() {
    return platform;
  }

  /** Returns where its data is: tier, size, format, digest, layers. */
  public Storage storage() {
    return storage;
  }

  /** Returns what was checked and measured: signature, vulnerabilities, boot time, benchmarks. */
  public Assessment assessment() {
    return assessment;
  }

  /** Returns who may use it and whether anyone does: visibility, sharing, in use, last launch. */
  public Usage usage() {
    return usage;
  }

  /** Returns the guest state recorded at capture: devices, filesystems, network, cgroup. */
  public GuestState guest() {
    return guest;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Image)) {
      return false;
    }
    Image other = (Image) o;
    return id.equals(other.id)
        && name.equals(other.name)
        && description.equals(other.description)
        && owner.equals(other.owner)
        && Objects.equals(family, other.family)
        && state == other.state
        && created.equals(other.created)
        && Objects.equals(deprecation, other.deprecation)
        && tags.equals(other.tags)
        && platform.equals(other.platform)
        && storage.equals(other.storage)
        && assessment.equals(other.assessment)
        && usage.equals(other.usage)
        && guest.equals(other.guest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        name,
        description,
        owner,
        family,
        state,
        created,
        deprecation,
        tags,
        platform,
        storage,
        assessment,
        usage,
        guest);
  }

  @Override
  public String toString() {
    return "Image{" + id + "}";
  }

  /**
   * Builds a {@link Image}; {@link #build()} validates and names the field that is wrong. Fields
   * are set one by one (the setters fill the groups) or a whole group at a time.
   */
  public static final class Builder {
    private @Nullable ImageId id;
    private @Nullable String name;
    private @Nullable String description = "";
    private @Nullable String owner = "";
    private @Nullable Visibility visibility = Visibility.PRIVATE;
    private boolean verifiedPublisher = false;
    private @Nullable Architecture architecture;
    private @Nullable Set<String> requiredCpuFeatures = Set.of();
    private @Nullable BootMode bootMode = BootMode.UEFI_PREFERRED;
    private @Nullable Virtualization virtualization = Virtualization.HVM;
    private @Nullable OperatingSystem os;
    private @Nullable Instant created;
    private @Nullable Instant lastLaunched;
    private @Nullable Instant deprecation;
    private @Nullable Instant lastPatched;
    private @Nullable ImageState state = ImageState.AVAILABLE;
    private @Nullable String rootDevice = "";
    private @Nullable List<DeviceBinding> deviceBindings = List.of();
    private @Nullable NetworkState networkState = NetworkState.EMPTY;
    private @Nullable List<FilesystemInfo> filesystems = List.of();
    private @Nullable CgroupState cgroupState;
    private @Nullable List<ImageLayer> layers = List.of();
    private @Nullable Tags tags = Tags.EMPTY;
    private @Nullable Sharing sharing = Sharing.NONE;
    private @Nullable StorageTier tier = StorageTier.HOT;
    private long sizeBytes = 0L;
    private boolean inUse = false;
    private boolean deregistrationProtected = false;
    private @Nullable String family;
    private @Nullable String format;
    private @Nullable String digest;
    private @Nullable SignatureStatus signature = SignatureStatus.UNKNOWN;
    private @Nullable Duration bootTime;
    private @Nullable Map<String, Double> benchmarks = Map.of();
    private int knownVulnerabilities = -1;
    private @Nullable String gpuDriver;

    private Builder() {}

    /** Sets the whole platform group. */
    public Builder platform(Platform platform) {
      this.architecture = platform.architecture();
      this.os = platform.os();
      this.bootMode = platform.bootMode();
      this.virtualization = platform.virtualization();
      this.requiredCpuFeatures = platform.requiredCpuFeatures();
      this.gpuDriver = platform.gpuDriver();
      return this;
    }

    /** Sets the whole storage group. */
    public Builder storage(Storage storage) {
      this.tier = storage.tier();
      this.sizeBytes = storage.sizeBytes();
      this.format = storage.format();
      this.digest = storage.digest();
      this.layers = storage.layers();
      return this;
    }

    /** Sets the whole assessment group. */
    public Builder assessment(Assessment assessment) {
      this.signature = assessment.signature();
      this.verifiedPublisher = assessment.verifiedPublisher();
      this.knownVulnerabilities = assessment.knownVulnerabilities();
      this.lastPatched = assessment.lastPatched();
      this.bootTime = assessment.bootTime();
      this.benchmarks = assessment.benchmarks();
      return this;
    }

    /** Sets the whole usage group. */
    public Builder usage(Usage usage) {
      this.visibility = usage.visibility();
      this.sharing = usage.sharing();
      this.inUse = usage.inUse();
      this.lastLaunched = usage.lastLaunched();
      this.deregistrationProtected = usage.deregistrationProtected();
      return this;
    }

    /** Sets the whole guest state. */
    public Builder guest(GuestState guest) {
      this.rootDevice = guest.rootDevice();
      this.deviceBindings = guest.deviceBindings();
      this.filesystems = guest.filesystems();
      this.networkState = guest.networkState();
      this.cgroupState = guest.cgroupState();
      return this;
    }

    /** Sets where the image lives and its provider's id. */
    public Builder id(ImageId id) {
      this.id = id;
      return this;
    }

    /** Sets the image name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets a free-text description; empty when none. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets the owning account; empty when unknown. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Sets who may launch it; default private. */
    public Builder visibility(Visibility visibility) {
      this.visibility = visibility;
      return this;
    }

    /** Sets whether the publisher is the OS vendor or a verified marketplace publisher. */
    public Builder verifiedPublisher(boolean verifiedPublisher) {
      this.verifiedPublisher = verifiedPublisher;
      return this;
    }

    /** Sets the instruction set. */
    public Builder architecture(Architecture architecture) {
      this.architecture = architecture;
      return this;
    }

    /** Sets CPU flags the image needs, as /proc/cpuinfo names them (such as {@code avx512f}). */
    public Builder requiredCpuFeatures(Set<String> requiredCpuFeatures) {
      this.requiredCpuFeatures = requiredCpuFeatures;
      return this;
    }

    /** Sets how firmware boots it; default UEFI preferred. */
    public Builder bootMode(BootMode bootMode) {
      this.bootMode = bootMode;
      return this;
    }

    /** Sets how the hypervisor runs it; default HVM. */
    public Builder virtualization(Virtualization virtualization) {
      this.virtualization = virtualization;
      return this;
    }

    /** Sets the operating system. */
    public Builder os(OperatingSystem os) {
      this.os = os;
      return this;
    }

    /** Sets when it was created. */
    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    /** Sets when an instance was last launched from it; {@code null} when never (or unknown). */
    public Builder lastLaunched(@Nullable Instant lastLaunched) {
      this.lastLaunched = lastLaunched;
      return this;
    }

    /** Sets when it is or was deprecated; {@code null} when not. */
    public Builder deprecation(@Nullable Instant deprecation) {
      this.deprecation = deprecation;
      return this;
    }

    /** Sets when its packages were last updated; {@code null} when unknown. */
    public Builder lastPatched(@Nullable Instant lastPatched) {
      this.lastPatched = lastPatched;
      return this;
    }

    /** Sets its state; default available. */
    public Builder state(ImageState state) {
      this.state = state;
      return this;
    }

    /** Sets the root device name, such as {@code /dev/xvda}; empty when unknown. */
    public Builder rootDevice(String rootDevice) {
      this.rootDevice = rootDevice;
      return this;
    }

    /** Sets the block devices mapped at launch. */
    public Builder deviceBindings(List<DeviceBinding> deviceBindings) {
      this.deviceBindings = deviceBindings;
      return this;
    }

    /** Sets the network state recorded at capture. */
    public Builder networkState(NetworkState networkState) {
      this.networkState = networkState;
      return this;
    }

    /** Sets the filesystems inside. */
    public Builder filesystems(List<FilesystemInfo> filesystems) {
      this.filesystems = filesystems;
      return this;
    }

    /** Sets the process-state snapshot recorded at capture, or {@code null}. */
    public Builder cgroupState(@Nullable CgroupState cgroupState) {
      this.cgroupState = cgroupState;
      return this;
    }

    /** Sets its storage layers, base first. */
    public Builder layers(List<ImageLayer> layers) {
      this.layers = layers;
      return this;
    }

    /** Sets its tags. */
    public Builder tags(Tags tags) {
      this.tags = tags;
      return this;
    }

    /** Sets who else may launch it. */
    public Builder sharing(Sharing sharing) {
      this.sharing = sharing;
      return this;
    }

    /** Sets where its storage lives; default hot. */
    public Builder tier(StorageTier tier) {
      this.tier = tier;
      return this;
    }

    /** Sets the bytes its storage holds (the disk file, or the snapshots' data). */
    public Builder sizeBytes(long sizeBytes) {
      this.sizeBytes = sizeBytes;
      return this;
    }

    /**
     * Sets whether instances, launch templates or scaling groups use it, as the provider saw when
     * describing it.
     */
    public Builder inUse(boolean inUse) {
      this.inUse = inUse;
      return this;
    }

    /** Sets whether deregistration protection is on. */
    public Builder deregistrationProtected(boolean deregistrationProtected) {
      this.deregistrationProtected = deregistrationProtected;
      return this;
    }

    /**
     * Sets the image family (ECS image family, or a name the owner groups versions by), or {@code
     * null}.
     */
    public Builder family(@Nullable String family) {
      this.family = family;
      return this;
    }

    /**
     * Sets the disk format of a file-backed image ({@code raw}, {@code qcow2}, …), or {@code null}.
     */
    public Builder format(@Nullable String format) {
      this.format = format;
      return this;
    }

    /** Sets the content digest recorded at import, such as {@code sha256:…}, or {@code null}. */
    public Builder digest(@Nullable String digest) {
      this.digest = digest;
      return this;
    }

    /** Sets what is known about its publisher signature. */
    public Builder signature(SignatureStatus signature) {
      this.signature = signature;
      return this;
    }

    /** Sets the measured time to a usable system, or {@code null} when not measured. */
    public Builder bootTime(@Nullable Duration bootTime) {
      this.bootTime = bootTime;
      return this;
    }

    /** Sets benchmark results by name (such as {@code fio.randread.iops}); higher is better. */
    public Builder benchmarks(Map<String, Double> benchmarks) {
      this.benchmarks = benchmarks;
      return this;
    }

    /** Sets open vulnerabilities its SBOM matched, or {@code -1} when unknown. */
    public Builder knownVulnerabilities(int knownVulnerabilities) {
      this.knownVulnerabilities = knownVulnerabilities;
      return this;
    }

    /** Sets the GPU driver it ships (such as {@code nvidia-550.90}), or {@code null}. */
    public Builder gpuDriver(@Nullable String gpuDriver) {
      this.gpuDriver = gpuDriver;
      return this;
    }

    /** Sets the operating system from a family and version. */
    public Builder os(OsFamily family, String version) {
      this.os = OperatingSystem.of(family, version);
      return this;
    }

    /** Adds or replaces one tag. */
    public Builder tag(String key, String value) {
      Tags current = this.tags;
      this.tags = (current == null ? Tags.EMPTY : current).with(key, value);
      return this;
    }

    /**
     * Builds the image.
     *
     * @throws InvalidInputException naming the field that is missing or wrong
     */
    public Image build() {
      return new Image(this);
    }
  }
}
