package io.cloudimage.core.client;

import io.cloudimage.core.client.CallRunner.Kind;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.pricing.PriceBook;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import io.cloudimage.core.provider.Sanitization;
import io.cloudimage.core.provider.Waiter;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one type callers hold: a provider's images and snapshots, with every call bounded, retried,
 * checked, logged and measured the same way whatever the cloud.
 *
 * <p>Around each call to the {@link ImageDriver} it wraps, the client:
 *
 * <ul>
 *   <li>checks the capability first ({@link
 *       io.cloudimage.core.error.UnsupportedCapabilityException} names it, and the driver is never
 *       called);
 *   <li>bounds each attempt by {@link ProviderConfig#callAttemptTimeout()} and the whole call by
 *       {@link ProviderConfig#callTimeout()} (long data operations by {@link
 *       ProviderConfig#operationTimeout()});
 *   <li>retries throttling and server errors with jittered back-off under the {@link RetryPolicy}'s
 *       attempts and budget, waiting at least what a {@code Retry-After} asked; calls that could
 *       act twice (deregister, delete, import, copy…) are retried only after throttling, which the
 *       provider answers before acting;
 *   <li>stops at once when the caller's {@link Cancellation} is set, during an attempt, a back-off
 *       or a wait;
 *   <li>logs each call through SLF4J at debug level with credentials redacted, and counts calls,
 *       failures, retries, timeouts and latencies per operation ({@link #metrics()}).
 * </ul>
 *
 * <p>Listings are lazy {@link Stream}s that fetch one page per call and hold nothing open between
 * pages. Every operation has an overload without a progress listener and cancellation. The client
 * is thread-safe and {@link AutoCloseable}.
 *
 * <pre>{@code
 * try (ImageProvider aws = Providers.open("aws", ProviderConfig.builder().region("eu-west-1").build())) {
 *   aws.images(ImageQuery.builder().architecture(Architecture.ARM64).build())
 *       .forEach(i -> System.out.println(i.nativeId() + " " + i.name()));
 * }
 * }</pre>
 *
 * <p>Over 400 lines because it offers every operation twice (with and without a progress listener
 * and cancellation), each a one-line delegation; the work is in {@code CallRunner} and {@code
 * MetricsRecorder}.
 */
public class ImageProvider implements AutoCloseable {
  private final ImageDriver driver;
  private final ProviderConfig config;
  private final CallRunner runner;
  private final Capabilities capabilities;

  /**
   * Wraps a driver; subclasses add a provider's own operations (the local provider's launch, trash
   * and home checks).
   */
  protected ImageProvider(ImageDriver driver, ProviderConfig config) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.config = Objects.requireNonNull(config, "config");
    this.capabilities = driver.capabilities();
    this.runner = new CallRunner(driver.name(), config);
  }

  /** A client over {@code driver} with the given call settings. */
  public static ImageProvider of(ImageDriver driver, ProviderConfig config) {
    return new ImageProvider(driver, config);
  }

  /** The provider's name: {@code local}, {@code aws} or {@code aliyun}. */
  public String name() {
    return driver.name();
  }

  /** The region this client talks to. */
  public String region() {
    return driver.region();
  }

  /**
   * The storage prices that planning on this provider uses: the shipped price book's figures for
   * this provider and region ({@link PriceBook#defaults()}), each with its source and date.
   * Providers with their own prices (a local home's price file, a cloud's tier rules) override it.
   */
  public TierPrices tierPrices() {
    return PriceBook.defaults().prices(name(), region()).tiers();
  }

  /**
   * A stable identity of what this provider acts on: the account and region of a cloud, or the home
   * folder of the local provider. Journals record it and refuse to be applied through a provider
   * with another identity.
   */
  public String identity() {
    return driver.identity();
  }

  /** What this provider can do. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** The call settings this client applies. */
  public ProviderConfig config() {
    return config;
  }

  /** Counts, retries and latencies per operation since this client was opened. */
  public ProviderMetrics metrics() {
    return runner.metrics();
  }

  // ---- listing and describing ----

  /**
   * The images the query selects, fetched lazily one page per call as the stream is consumed; a
   * caller who stops early makes no further calls. Nothing stays open between pages.
   */
  public Stream<Image> images(ImageQuery query) {
    require(Capability.LIST_IMAGES);
    return Page.stream(token -> shortCall("ListImages", d -> d.listImages(query, token), token));
  }

  /** Every image, lazily. */
  public Stream<Image> images() {
    return images(ImageQuery.ALL);
  }

  /** Every snapshot the caller owns, fetched lazily. */
  public Stream<Snapshot> snapshots() {
    require(Capability.LIST_SNAPSHOTS);
    return Page.stream(token -> shortCall("ListSnapshots", d -> d.listSnapshots(token), token));
  }

  /**
   * One image.
   *
   * @throws NotFoundException when there is no such image
   */
  public Image describe(String imageId) {
    return shortCall("DescribeImage", d -> d.describeImage(imageId), imageId);
  }

  /** One image, or empty when there is none. */
  public Optional<Image> find(String imageId) {
    try {
      return Optional.of(describe(imageId));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * One snapshot.
   *
   * @throws NotFoundException when there is no such snapshot
   */
  public Snapshot describeSnapshot(String snapshotId) {
    require(Capability.LIST_SNAPSHOTS);
    return shortCall("DescribeSnapshot", d -> d.describeSnapshot(snapshotId), snapshotId);
  }

  // ---- long data operations ----

  /** Captures an image from an instance or snapshot. */
  public Image createImage(CreateRequest request, ProgressListener listener, Cancellation cancel) {
    require(Capability.CREATE_IMAGE);
    return longCall(
        "CreateImage", listener, cancel, op -> driver.createImage(request, op), request);
  }

  /** Captures an image, without progress or cancellation. */
  public Image createImage(CreateRequest request) {
    return createImage(request, ProgressListener.NONE, Cancellation.never());
  }

  /** Copies an image to another region or account and returns the copy (possibly pending). */
  public Image copyImage(CopyRequest request, ProgressListener listener, Cancellation cancel) {
    require(Capability.COPY_IMAGE);
    return longCall("CopyImage", listener, cancel, op -> driver.copyImage(request, op), request);
  }

  /** Copies an image, without progress or cancellation. */
  public Image copyImage(CopyRequest request) {
    return copyImage(request, ProgressListener.NONE, Cancellation.never());
  }

  /** Registers a disk-image file as an image. */
  public Image importImage(ImportRequest request, ProgressListener listener, Cancellation cancel) {
    require(Capability.IMPORT);
    return longCall(
        "ImportImage", listener, cancel, op -> driver.importImage(request, op), request);
  }

  /** Registers a disk-image file, without progress or cancellation. */
  public Image importImage(ImportRequest request) {
    return importImage(request, ProgressListener.NONE, Cancellation.never());
  }

  /** Exports an image's disk to object storage or a file. */
  public void exportImage(ExportRequest request, ProgressListener listener, Cancellation cancel) {
    require(Capability.EXPORT);
    longCall(
        "ExportImage",
        listener,
        cancel,
        op -> {
          driver.exportImage(request, op);
          return null;
        },
        request);
  }

  /** Exports an image's disk, without progress or cancellation. */
  public void exportImage(ExportRequest request) {
    exportImage(request, ProgressListener.NONE, Cancellation.never());
  }

  /** Moves an image's or snapshot's storage to another tier. */
  public void moveTier(
      String resourceId, StorageTier tier, ProgressListener listener, Cancellation cancel) {
    require(Capability.MOVE_TIER);
    longCall(
        "MoveTier",
        listener,
        cancel,
        op -> {
          driver.moveTier(resourceId, tier, op);
          return null;
        },
        resourceId,
        tier);
  }

  /** Moves storage to another tier, without progress or cancellation. */
  public void moveTier(String resourceId, StorageTier tier) {
    moveTier(resourceId, tier, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Restores an archived image or snapshot to a usable tier for {@code keepFor} (or for good when
   * the provider cannot restore temporarily).
   */
  public void restoreTier(
      String resourceId, Duration keepFor, ProgressListener listener, Cancellation cancel) {
    require(Capability.RESTORE_TIER);
    longCall(
        "RestoreTier",
        listener,
        cancel,
        op -> {
          driver.restoreTier(resourceId, keepFor, op);
          return null;
        },
        resourceId,
        keepFor);
  }

  /** Restores archived storage, without progress or cancellation. */
  public void restoreTier(String resourceId, Duration keepFor) {
    restoreTier(resourceId, keepFor, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Sanitises an image per NIST SP 800-88 and removes it: the local provider overwrites its disk
   * file (Clear); a cloud deletes the image and its snapshots and, where they used a dedicated KMS
   * key, schedules that key's deletion (cryptographic erase).
   *
   * @return what was done and how it was verified, for the audit journal
   */
  public Sanitization erase(String imageId, ProgressListener listener, Cancellation cancel) {
    require(Capability.ERASE);
    return longCall("Erase", listener, cancel, op -> driver.erase(imageId, op), imageId);
  }

  /** Sanitises and removes an image, without progress or cancellation. */
  public Sanitization erase(String imageId) {
    return erase(imageId, ProgressListener.NONE, Cancellation.never());
  }

  // ---- short state changes ----

  /** Deprecates an image as of {@code at} (it stays launchable by id but is hidden from lists). */
  public void deprecate(String imageId, Instant at) {
    require(Capability.DEPRECATE);
    run("Deprecate", Kind.IDEMPOTENT, d -> d.deprecate(imageId, at), imageId, at);
  }

  /** Cancels a deprecation. */
  public void undeprecate(String imageId) {
    require(Capability.DEPRECATE);
    run("Undeprecate", Kind.IDEMPOTENT, d -> d.undeprecate(imageId), imageId);
  }

  /** Disables an image: nobody may launch it, its snapshots are kept. */
  public void disable(String imageId) {
    require(Capability.DISABLE);
    run("Disable", Kind.IDEMPOTENT, d -> d.disable(imageId), imageId);
  }

  /** Re-enables a disabled image. */
  public void enable(String imageId) {
    require(Capability.DISABLE);
    run("Enable", Kind.IDEMPOTENT, d -> d.enable(imageId), imageId);
  }

  /** Turns deregistration protection on. */
  public void protect(String imageId) {
    require(Capability.DEREGISTRATION_PROTECTION);
    run("Protect", Kind.IDEMPOTENT, d -> d.protect(imageId), imageId);
  }

  /** Turns deregistration protection off. */
  public void unprotect(String imageId) {
    require(Capability.DEREGISTRATION_PROTECTION);
    run("Unprotect", Kind.IDEMPOTENT, d -> d.unprotect(imageId), imageId);
  }

  /**
   * Deregisters an image, and with {@link DeregisterOptions#DELETE_SNAPSHOTS} the snapshots only it
   * used.
   *
   * @throws io.cloudimage.core.error.ConflictException when it is protected or in use
   */
  public void deregister(String imageId, DeregisterOptions options) {
    require(Capability.DEREGISTER);
    if (options.deletesSnapshots()) {
      require(Capability.DELETE_SNAPSHOT);
    }
    run("Deregister", Kind.UNSAFE, d -> d.deregister(imageId, options), imageId, options);
  }

  /**
   * Deletes a snapshot.
   *
   * @throws io.cloudimage.core.error.ConflictException when it still backs a registered image
   */
  public void deleteSnapshot(String snapshotId) {
    require(Capability.DELETE_SNAPSHOT);
    run("DeleteSnapshot", Kind.UNSAFE, d -> d.deleteSnapshot(snapshotId), snapshotId);
  }

  /** Adds or replaces tags and removes the keys in {@code remove} on an image or snapshot. */
  public void tag(String resourceId, Tags add, Set<String> remove) {
    require(Capability.TAG);
    run("Tag", Kind.IDEMPOTENT, d -> d.tag(resourceId, add, remove), resourceId);
  }

  /** Shares an image with more accounts. */
  public void share(String imageId, Set<String> accounts) {
    require(Capability.SHARE);
    run("Share", Kind.IDEMPOTENT, d -> d.share(imageId, accounts), imageId, accounts);
  }

  /** Stops sharing an image with some accounts. */
  public void unshare(String imageId, Set<String> accounts) {
    require(Capability.SHARE);
    run("Unshare", Kind.IDEMPOTENT, d -> d.unshare(imageId, accounts), imageId, accounts);
  }

  /**
   * How long a deleted image or snapshot stays recoverable (a recycle-bin rule on clouds, the trash
   * on the local provider), or empty when deletion is immediate and final.
   */
  public Optional<Duration> recoveryWindow(String resourceId) {
    return shortCall("RecoveryWindow", d -> d.recoveryWindow(resourceId), resourceId);
  }

  /**
   * The ids of images in use: launched and running, or referenced by a launch template or scaling
   * group where the provider can tell.
   */
  public Set<String> imagesInUse() {
    require(Capability.IN_USE);
    return shortCall("ImagesInUse", ImageDriver::imagesInUse);
  }

  // ---- waiting ----

  /**
   * Waits until the image satisfies {@code condition}, polling with backoff; each poll is a
   * bounded, retried call.
   *
   * @throws io.cloudimage.core.error.ProviderUnavailableException when {@code timeout} passes,
   *     naming the image and its last state
   * @throws io.cloudimage.core.error.CancelledException when cancelled
   */
  public Image await(
      String imageId,
      Predicate<Image> condition,
      Duration timeout,
      ProgressListener listener,
      Cancellation cancel) {
    return Waiter.await(
        "image " + imageId, () -> describe(imageId), condition, timeout, listener, cancel);
  }

  /** Waits until the image satisfies {@code condition}, without progress or cancellation. */
  public Image await(String imageId, Predicate<Image> condition, Duration timeout) {
    return await(imageId, condition, timeout, ProgressListener.NONE, Cancellation.never());
  }

  /** Closes the driver and stops the client's worker threads. */
  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      runner.close();
    }
  }

  // ---- plumbing ----

  /** The wrapped driver, for subclasses that add a provider's own operations. */
  protected final ImageDriver driver() {
    return driver;
  }

  /**
   * Runs a subclass's own short operation through the same timeouts, retries, logging and metrics.
   *
   * @param name the operation's name in logs and metrics
   * @param idempotent whether repeating it after an unknown outcome is harmless
   */
  protected final <T> T call(
      String name, Idempotence idempotent, Function<ImageDriver, T> call, Object... args) {
    Kind kind = idempotent == Idempotence.IDEMPOTENT ? Kind.IDEMPOTENT : Kind.UNSAFE;
    return runner.call(
        name, kind, ProgressListener.NONE, Cancellation.never(), op -> call.apply(driver), args);
  }

  /** Whether an operation may be repeated after an unknown outcome. */
  protected enum Idempotence {
    /** Repeating it is harmless. */
    IDEMPOTENT,
    /** Repeating it could act twice. */
    UNSAFE
  }

  private void require(Capability capability) {
    capabilities.require(capability, driver.name());
  }

  private <T> T shortCall(String name, Function<ImageDriver, T> call, Object... args) {
    return runner.call(
        name,
        Kind.IDEMPOTENT,
        ProgressListener.NONE,
        Cancellation.never(),
        op -> call.apply(driver),
        args);
  }

  private void run(
      String name, Kind kind, java.util.function.Consumer<ImageDriver> call, Object... args) {
    runner.call(
        name,
        kind,
        ProgressListener.NONE,
        Cancellation.never(),
        op -> {
          call.accept(driver);
          return Boolean.TRUE;
        },
        args);
  }

  private <T> T longCall(
      String name,
      ProgressListener listener,
      Cancellation cancel,
      Function<Operation, T> call,
      Object... args) {
    return runner.call(name, Kind.LONG, listener, cancel, call, args);
  }
}
