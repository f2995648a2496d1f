package io.cloudimage.core.local;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.provider.ProviderConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The embedded provider: a folder of disk images with JSON metadata, on which everything in
 * cloudimage works offline. It implements every capability, and adds what only a local home has:
 * launching and stopping (to model use), the trash, and its disk files.
 *
 * <ul>
 *   <li>Each image is backed by one snapshot, whose data is the disk file in {@code disks/TIER/}.
 *   <li>Writes are atomic and confined: a reader sees the old record or the new one, no link is
 *       followed, nothing outside the home is written, and files are readable by their owner only.
 *   <li>An interrupted import is never listed; recovery never deletes what it cannot prove it owns,
 *       it moves leftovers to {@code quarantine/} ({@link HomeDoctor} reports and repairs).
 *   <li>Removal is write-ahead through the trash: after any crash an image is listed or restorable.
 *       Removed images wait in the trash for {@link Builder#trashRetention(Duration)}.
 *   <li>A record that cannot be read lists as one {@code BROKEN} image, and the snapshots it may
 *       reference are never deleted or moved.
 * </ul>
 *
 * <p>Like every provider it is an {@link ImageProvider}: each call goes through the client's
 * timeouts, retries, cancellation, logging and metrics ({@link Builder#config(ProviderConfig)}).
 *
 * <pre>{@code
 * try (LocalProvider local = LocalProvider.builder().home(Path.of("/var/lib/cloudimage")).build()) {
 *   Image image = local.importImage(
 *       ImportRequest.of(Path.of("web.qcow2"), "web-base", OperatingSystem.parse("ubuntu:24.04"),
 *           Architecture.X86_64));
 *   local.launch(image.nativeId()); // now in use
 * }
 * }</pre>
 */
public final class LocalProvider extends ImageProvider {
  /** The provider name, also its only region. */
  public static final String NAME = "local";

  private final LocalDriver local;
  private final LocalExtras extras;

  private LocalProvider(LocalDriver local, ProviderConfig config) {
    super(local, config);
    this.local = local;
    this.extras = local.extras();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default home: {@code $CLOUDIMAGE_HOME}, else {@code ~/.cloudimage}. */
  public static Path defaultHome() {
    String env = System.getenv("CLOUDIMAGE_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cloudimage");
  }

  /** The home folder. */
  public Path home() {
    return local.home();
  }

  /** The tier prices this provider reports with. */
  @Override
  public TierPrices tierPrices() {
    return local.tierPrices();
  }

  /** The disk file holding a snapshot's data. */
  public Path diskFile(String snapshotId) {
    return call("DiskFile", Idempotence.IDEMPOTENT, d -> local.diskFile(snapshotId), snapshotId);
  }

  /**
   * Registers a new image on an existing image's snapshot, copying the source's facts (OS,
   * architecture, tags); used to model several images sharing one snapshot.
   */
  public Image registerFromSnapshotOf(String sourceImageId, String name) {
    return call(
        "RegisterFromSnapshot",
        Idempotence.UNSAFE,
        d -> extras.registerFromSnapshotOf(sourceImageId, name),
        sourceImageId);
  }

  /**
   * Records a launch: sets {@code lastLaunched} to now and marks the image in use until {@link
   * #stop(String)}.
   *
   * @throws io.cloudimage.core.error.ConflictException when the image is disabled, deregistering or
   *     broken
   */
  public Image launch(String imageId) {
    return call("Launch", Idempotence.UNSAFE, d -> extras.launch(imageId), imageId);
  }

  /** Records that the image's instances stopped: it is no longer in use. */
  public Image stop(String imageId) {
    return call("Stop", Idempotence.IDEMPOTENT, d -> extras.stop(imageId), imageId);
  }

  /** What waits in the trash, oldest first. */
  public List<TrashEntry> trash() {
    return call("ListTrash", Idempotence.IDEMPOTENT, d -> extras.trash());
  }

  /**
   * Brings a deregistered image or deleted snapshot back from the trash.
   *
   * @throws io.cloudimage.core.error.NotFoundException when it is not in the trash (never there, or
   *     purged)
   * @throws io.cloudimage.core.error.ConflictException when something already has one of its names
   */
  public void restoreFromTrash(String resourceId) {
    call(
        "RestoreFromTrash",
        Idempotence.UNSAFE,
        d -> {
          extras.restoreFromTrash(resourceId);
          return resourceId;
        },
        resourceId);
  }

  /** Permanently removes trash entries older than the retention; returns how many went. */
  public int emptyTrash() {
    return call("EmptyTrash", Idempotence.UNSAFE, d -> extras.emptyTrash());
  }

  /**
   * Permanently removes trash entries removed more than {@code olderThan} ago, recording each in
   * the home's journal ({@code journal/}) before it goes; returns how many went.
   */
  public int emptyTrash(Duration olderThan) {
    return call("EmptyTrash", Idempotence.UNSAFE, d -> extras.emptyTrash(olderThan), olderThan);
  }

  /** Builds a {@link LocalProvider}. */
  public static final class Builder {
    private @Nullable Path home;
    private Clock clock = Clock.systemUTC();
    private Duration trashRetention = Duration.ofDays(7);
    private TierPrices tierPrices = TierPrices.localDefaults();
    private ProviderConfig config = ProviderConfig.DEFAULTS;

    private Builder() {}

    /**
     * The home folder; default {@link LocalProvider#defaultHome()}. Created when missing or empty.
     */
    public Builder home(Path home) {
      this.home = home;
      return this;
    }

    /** The clock for creation, launch and trash times; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long deleted images stay recoverable in the trash; default 7 days, zero for none. */
    public Builder trashRetention(Duration retention) {
      if (retention.isNegative()) {
        throw new IllegalArgumentException(
            "LocalProvider.trashRetention must be >= 0, was " + retention);
      }
      this.trashRetention = retention;
      return this;
    }

    /** The tier prices; default {@link TierPrices#localDefaults()}. */
    public Builder tierPrices(TierPrices profiles) {
      this.tierPrices = profiles;
      return this;
    }

    /**
     * The call timeouts and retry policy applied to every call; default {@link
     * ProviderConfig#DEFAULTS}. Its {@code home} is ignored: {@link #home(Path)} sets the folder.
     */
    public Builder config(ProviderConfig config) {
      this.config = config;
      return this;
    }

    /**
     * Opens the home.
     *
     * @throws InvalidInputException when the folder is not a cloudimage home, is read-only, or one
     *     of its folders is a link
     */
    public LocalProvider build() {
      Path h = home;
      LocalDriver driver =
          new LocalDriver(h == null ? defaultHome() : h, clock, trashRetention, tierPrices);
      return new LocalProvider(driver, config);
    }
  }
}
