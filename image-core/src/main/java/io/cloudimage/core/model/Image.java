package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cloud server system image and everything cloudimage knows about it: identity, what it runs on,
 * what it holds, who may use it, where it is stored and what has been measured of it.
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
 * }</pre>
 */
public final class Image {
  private final ImageId id;
  private final String name;
  private final String description;
  private final String owner;
  private final Visibility visibility;
  private final boolean verifiedPublisher;
  private final Architecture architecture;
  private final Set<String> requiredCpuFeatures;
  private final BootMode bootMode;
  private final Virtualization virtualization;
  private final OperatingSystem os;
  private final Instant created;
  private final @Nullable Instant lastLaunched;
  private final @Nullable Instant deprecation;
  private final @Nullable Instant lastPatched;
  private final ImageState state;
  private final String rootDevice;
  private final List<DeviceBinding> deviceBindings;
  private final NetworkState networkState;
  private final List<FilesystemInfo> filesystems;
  private final @Nullable CgroupState cgroupState;
  private final List<ImageLayer> layers;
  private final Tags tags;
  private final Sharing sharing;
  private final StorageTier tier;
  private final long sizeBytes;
  private final boolean inUse;
  private final boolean deregistrationProtected;
  private final @Nullable String family;
  private final @Nullable String format;
  private final @Nullable String digest;
  private final SignatureStatus signature;
  private final @Nullable Duration bootTime;
  private final Map<String, Double> benchmarks;
  private final int knownVulnerabilities;
  private final @Nullable String gpuDriver;

  private Image(Builder b) {
    this.id = Checks.required(b.id, "Image.id");
    this.name = Checks.nonBlank(b.name, "Image.name");
    this.description = Checks.required(b.description, "Image.description");
    this.owner = Checks.required(b.owner, "Image.owner");
    this.visibility = Checks.required(b.visibility, "Image.visibility");
    this.verifiedPublisher = b.verifiedPublisher;
    this.architecture = Checks.required(b.architecture, "Image.architecture");
    this.requiredCpuFeatures =
        Checks.copy(Checks.required(b.requiredCpuFeatures, "Image.requiredCpuFeatures"));
    this.bootMode = Checks.required(b.bootMode, "Image.bootMode");
    this.virtualization = Checks.required(b.virtualization, "Image.virtualization");
    this.os = Checks.required(b.os, "Image.os");
    this.created = Checks.required(b.created, "Image.created");
    this.lastLaunched = b.lastLaunched;
    this.deprecation = b.deprecation;
    this.lastPatched = b.lastPatched;
    this.state = Checks.required(b.state, "Image.state");
    this.rootDevice = Checks.required(b.rootDevice, "Image.rootDevice");
    this.deviceBindings = Checks.copy(Checks.required(b.deviceBindings, "Image.deviceBindings"));
    this.networkState = Checks.required(b.networkState, "Image.networkState");
    this.filesystems = Checks.copy(Checks.required(b.filesystems, "Image.filesystems"));
    this.cgroupState = b.cgroupState;
    this.layers = Checks.copy(Checks.required(b.layers, "Image.layers"));
    this.tags = Checks.required(b.tags, "Image.tags");
    this.sharing = Checks.required(b.sharing, "Image.sharing");
    this.tier = Checks.required(b.tier, "Image.tier");
    this.sizeBytes = Checks.nonNegative(b.sizeBytes, "Image.sizeBytes");
    this.inUse = b.inUse;
    this.deregistrationProtected = b.deregistrationProtected;
    this.family = b.family;
    this.format = b.format;
    this.digest = b.digest;
    this.signature = Checks.required(b.signature, "Image.signature");
    this.bootTime = b.bootTime;
    this.benchmarks = Checks.copy(Checks.required(b.benchmarks, "Image.benchmarks"));
    this.knownVulnerabilities = b.knownVulnerabilities;
    this.gpuDriver = b.gpuDriver;
    validate();
  }

  private void validate() {
    if (knownVulnerabilities < -1) {
      throw new InvalidInputException(
          "Image.knownVulnerabilities must be >= 0, or -1 when unknown, was "
              + knownVulnerabilities);
    }
    if (lastLaunched != null && lastLaunched.isBefore(created)) {
      throw new InvalidInputException(
          "Image.lastLaunched ("
              + lastLaunched
              + ") is before Image.created ("
              + created
              + ") for "
              + id);
    }
    if (bootTime != null && bootTime.isNegative()) {
      throw new InvalidInputException("Image.bootTime must be >= 0, was " + bootTime);
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
    b.visibility = visibility;
    b.verifiedPublisher = verifiedPublisher;
    b.architecture = architecture;
    b.requiredCpuFeatures = requiredCpuFeatures;
    b.bootMode = bootMode;
    b.virtualization = virtualization;
    b.os = os;
    b.created = created;
    b.lastLaunched = lastLaunched;
    b.deprecation = deprecation;
    b.lastPatched = lastPatched;
    b.state = state;
    b.rootDevice = rootDevice;
    b.deviceBindings = deviceBindings;
    b.networkState = networkState;
    b.filesystems = filesystems;
    b.cgroupState = cgroupState;
    b.layers = layers;
    b.tags = tags;
    b.sharing = sharing;
    b.tier = tier;
    b.sizeBytes = sizeBytes;
    b.inUse = inUse;
    b.deregistrationProtected = deregistrationProtected;
    b.family = family;
    b.format = format;
    b.digest = digest;
    b.signature = signature;
    b.bootTime = bootTime;
    b.benchmarks = benchmarks;
    b.knownVulnerabilities = knownVulnerabilities;
    b.gpuDriver = gpuDriver;
    return b;
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

  /** Returns who may launch it; default private. */
  public Visibility visibility() {
    return visibility;
  }

  /** Returns whether the publisher is the OS vendor or a verified marketplace publisher. */
  public boolean verifiedPublisher() {
    return verifiedPublisher;
  }

  /** Returns the instruction set. */
  public Architecture architecture() {
    return architecture;
  }

  /** Returns CPU flags the image needs, as /proc/cpuinfo names them (such as {@code avx512f}). */
  public Set<String> requiredCpuFeatures() {
    return requiredCpuFeatures;
  }

  /** Returns how firmware boots it; default UEFI preferred. */
  public BootMode bootMode() {
    return bootMode;
  }

  /** Returns how the hypervisor runs it; default HVM. */
  public Virtualization virtualization() {
    return virtualization;
  }

  /** Returns the operating system. */
  public OperatingSystem os() {
    return os;
  }

  /** Returns when it was created. */
  public Instant created() {
    return created;
  }

  /** Returns when an instance was last launched from it; {@code null} when never (or unknown). */
  public @Nullable Instant lastLaunched() {
    return lastLaunched;
  }

  /** Returns when it is or was deprecated; {@code null} when not. */
  public @Nullable Instant deprecation() {
    return deprecation;
  }

  /** Returns when its packages were last updated; {@code null} when unknown. */
  public @Nullable Instant lastPatched() {
    return lastPatched;
  }

  /** Returns its state; default available. */
  public ImageState state() {
    return state;
  }

  /** Returns the root device name, such as {@code /dev/xvda}; empty when unknown. */
  public String rootDevice() {
    return rootDevice;
  }

  /** Returns the block devices mapped at launch. */
  public List<DeviceBinding> deviceBindings() {
    return deviceBindings;
  }

  /** Returns the network state recorded at capture. */
  public NetworkState networkState() {
    return networkState;
  }

  /** Returns the filesystems inside. */
  public List<FilesystemInfo> filesystems() {
    return filesystems;
  }

  /** Returns the process-state snapshot recorded at capture, or {@code null}. */
  public @Nullable CgroupState cgroupState() {
    return cgroupState;
  }

  /** Returns its storage layers, base first. */
  public List<ImageLayer> layers() {
    return layers;
  }

  /** Returns its tags. */
  public Tags tags() {
    return tags;
  }

  /** Returns who else may launch it. */
  public Sharing sharing() {
    return sharing;
  }

  /** Returns where its storage lives; default hot. */
  public StorageTier tier() {
    return tier;
  }

  /** Returns the bytes its storage holds (the disk file, or the snapshots' data). */
  public long sizeBytes() {
    return sizeBytes;
  }

  /**
   * Returns whether instances, launch templates or scaling groups use it, as the provider saw when
   * describing it.
   */
  public boolean inUse() {
    return inUse;
  }

  /** Returns whether deregistration protection is on. */
  public boolean deregistrationProtected() {
    return deregistrationProtected;
  }

  /**
   * Returns the image family (ECS image family, or a name the owner groups versions by), or {@code
   * null}.
   */
  public @Nullable String family() {
    return family;
  }

  /**
   * Returns the disk format of a file-backed image ({@code raw}, {@code qcow2}, …), or {@code
   * null}.
   */
  public @Nullable String format() {
    return format;
  }

  /** Returns the content digest recorded at import, such as {@code sha256:…}, or {@code null}. */
  public @Nullable String digest() {
    return digest;
  }

  /** Returns what is known about its publisher signature. */
  public SignatureStatus signature() {
    return signature;
  }

  /** Returns the measured time to a usable system, or {@code null} when not measured. */
  public @Nullable Duration bootTime() {
    return bootTime;
  }

  /** Returns benchmark results by name (such as {@code fio.randread.iops}); higher is better. */
  public Map<String, Double> benchmarks() {
    return benchmarks;
  }

  /** Returns open vulnerabilities its SBOM matched, or {@code -1} when unknown. */
  public int knownVulnerabilities() {
    return knownVulnerabilities;
  }

  /** Returns the GPU driver it ships (such as {@code nvidia-550.90}), or {@code null}. */
  public @Nullable String gpuDriver() {
    return gpuDriver;
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
    return Objects.equals(id, other.id)
        && Objects.equals(name, other.name)
        && Objects.equals(description, other.description)
        && Objects.equals(owner, other.owner)
        && Objects.equals(visibility, other.visibility)
        && verifiedPublisher == other.verifiedPublisher
        && Objects.equals(architecture, other.architecture)
        && Objects.equals(requiredCpuFeatures, other.requiredCpuFeatures)
        && Objects.equals(bootMode, other.bootMode)
        && Objects.equals(virtualization, other.virtualization)
        && Objects.equals(os, other.os)
        && Objects.equals(created, other.created)
        && Objects.equals(lastLaunched, other.lastLaunched)
        && Objects.equals(deprecation, other.deprecation)
        && Objects.equals(lastPatched, other.lastPatched)
        && Objects.equals(state, other.state)
        && Objects.equals(rootDevice, other.rootDevice)
        && Objects.equals(deviceBindings, other.deviceBindings)
        && Objects.equals(networkState, other.networkState)
        && Objects.equals(filesystems, other.filesystems)
        && Objects.equals(cgroupState, other.cgroupState)
        && Objects.equals(layers, other.layers)
        && Objects.equals(tags, other.tags)
        && Objects.equals(sharing, other.sharing)
        && Objects.equals(tier, other.tier)
        && sizeBytes == other.sizeBytes
        && inUse == other.inUse
        && deregistrationProtected == other.deregistrationProtected
        && Objects.equals(family, other.family)
        && Objects.equals(format, other.format)
        && Objects.equals(digest, other.digest)
        && Objects.equals(signature, other.signature)
        && Objects.equals(bootTime, other.bootTime)
        && Objects.equals(benchmarks, other.benchmarks)
        && knownVulnerabilities == other.knownVulnerabilities
        && Objects.equals(gpuDriver, other.gpuDriver);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        name,
        description,
        owner,
        visibility,
        verifiedPublisher,
        architecture,
        requiredCpuFeatures,
        bootMode,
        virtualization,
        os,
        created,
        lastLaunched,
        deprecation,
        lastPatched,
        state,
        rootDevice,
        deviceBindings,
        networkState,
        filesystems,
        cgroupState,
        layers,
        tags,
        sharing,
        tier,
        sizeBytes,
        inUse,
        deregistrationProtected,
        family,
        format,
        digest,
        signature,
        bootTime,
        benchmarks,
        knownVulnerabilities,
        gpuDriver);
  }

  @Override
  public String toString() {
    return "Image{" + id + "}";
  }

  /** Builds a {@link Image}; {@link #build()} validates and names the field that is wrong. */
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
