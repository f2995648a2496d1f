package io.cloudimage.core.provider;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The SPI every cloud implements, and what every caller of cloudimage talks to.
 *
 * <p>A provider is thread-safe and {@link AutoCloseable}. What it can do is in {@link
 * #capabilities()}; a method whose capability is missing throws {@link
 * UnsupportedCapabilityException}. Every call is bounded by the configuration's call timeout, and
 * retryable failures are retried under its {@link RetryPolicy}. Failures are {@link
 * CloudImageException}s carrying the provider's error code and request id. Ids are the provider's
 * own ({@code ami-…}, {@code m-…}, {@code img-…}, {@code snap-…}).
 *
 * <pre>{@code
 * try (ImageProvider local = LocalProvider.builder().home(dir).build()) {
 *   Image image = local.importImage(
 *       ImportRequest.of(disk, "web-base", OperatingSystem.parse("ubuntu:24.04"), Architecture.ARM64),
 *       ProgressListener.NONE, Cancellation.never());
 *   local.images(ImageQuery.ALL).forEach(i -> System.out.println(i.nativeId() + " " + i.name()));
 * }
 * }</pre>
 */
public interface ImageProvider extends AutoCloseable {

  /** The provider's name: {@code local}, {@code aws} or {@code aliyun}. */
  String name();

  /** The region this provider instance talks to. */
  String region();

  /**
   * A stable identity of what this provider acts on: the account and region of a cloud, or the home
   * folder of the local provider. Journals record it and refuse to be applied through a provider
   * with another identity, so a journal kept for one account never vouches for another.
   *
   * <p>The default is {@code name() + ":" + region()}; providers that can tell accounts apart
   * override it.
   */
  default String identity() {
    return name() + ":" + region();
  }

  /** What this provider can do. */
  Capabilities capabilities();

  /**
   * The images the query selects, fetched lazily page by page as the stream is consumed. Close the
   * stream (or consume it fully) to release resources.
   */
  Stream<Image> images(ImageQuery query);

  /** Every snapshot the caller owns, fetched lazily. */
  default Stream<Snapshot> snapshots() {
    throw unsupported(Capability.LIST_SNAPSHOTS);
  }

  /**
   * One image.
   *
   * @throws NotFoundException when there is no such image
   */
  Image describe(String imageId);

  /** One image, or empty when there is none. */
  default Optional<Image> find(String imageId) {
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
  default Snapshot describeSnapshot(String snapshotId) {
    throw unsupported(Capability.LIST_SNAPSHOTS);
  }

  /** Captures an image from an instance or snapshot and waits until it is available. */
  default Image createImage(CreateRequest request, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.CREATE_IMAGE);
  }

  /** Copies an image to another region or account and returns the copy (possibly still pending). */
  default Image copyImage(CopyRequest request, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.COPY_IMAGE);
  }

  /** Registers a disk-image file as an image. */
  default Image importImage(ImportRequest request, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.IMPORT);
  }

  /** Exports an image's disk to object storage or a file. */
  default void exportImage(ExportRequest request, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.EXPORT);
  }

  /** Deprecates an image as of {@code at} (it stays launchable by id but is hidden from lists). */
  default void deprecate(String imageId, Instant at) {
    throw unsupported(Capability.DEPRECATE);
  }

  /** Cancels a deprecation. */
  default void undeprecate(String imageId) {
    throw unsupported(Capability.DEPRECATE);
  }

  /** Disables an image: nobody may launch it, its snapshots are kept. */
  default void disable(String imageId) {
    throw unsupported(Capability.DISABLE);
  }

  /** Re-enables a disabled image. */
  default void enable(String imageId) {
    throw unsupported(Capability.DISABLE);
  }

  /** Turns deregistration protection on or off. */
  default void setDeregistrationProtection(String imageId, boolean protect) {
    throw unsupported(Capability.DEREGISTRATION_PROTECTION);
  }

  /**
   * Deregisters an image, and with {@code deleteSnapshots} the snapshots only it used.
   *
   * @throws io.cloudimage.core.error.ConflictException when it is protected or in use
   */
  default void deregister(String imageId, boolean deleteSnapshots) {
    throw unsupported(Capability.DEREGISTER);
  }

  /**
   * Deletes a snapshot.
   *
   * @throws io.cloudimage.core.error.ConflictException when it still backs a registered image
   */
  default void deleteSnapshot(String snapshotId) {
    throw unsupported(Capability.DELETE_SNAPSHOT);
  }

  /** Adds or replaces tags and removes the keys in {@code remove} on an image or snapshot. */
  default void tag(String resourceId, Tags add, Set<String> remove) {
    throw unsupported(Capability.TAG);
  }

  /** Shares an image with more accounts. */
  default void share(String imageId, Set<String> accounts) {
    throw unsupported(Capability.SHARE);
  }

  /** Stops sharing an image with some accounts. */
  default void unshare(String imageId, Set<String> accounts) {
    throw unsupported(Capability.SHARE);
  }

  /** Moves an image's or snapshot's storage to another tier. */
  default void moveTier(
      String resourceId, StorageTier tier, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.MOVE_TIER);
  }

  /**
   * Restores an archived image or snapshot to a usable tier for {@code keepFor} (or for good when
   * the provider cannot restore temporarily).
   */
  default void restoreTier(
      String resourceId, Duration keepFor, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.RESTORE_TIER);
  }

  /**
   * Sanitises an image per NIST SP 800-88 and removes it: the local provider overwrites its disk
   * file (Clear) and deletes it; a cloud deletes the image and its snapshots and, where they used a
   * dedicated KMS key, schedules that key's deletion (cryptographic erase).
   *
   * @return what was done and how it was verified, for the audit journal
   */
  default Sanitization erase(String imageId, ProgressListener listener, Cancellation cancel) {
    throw unsupported(Capability.ERASE);
  }

  /**
   * How long a deleted image or snapshot stays recoverable (a recycle-bin rule on clouds, the trash
   * on the local provider), or empty when deletion is immediate and final.
   */
  default Optional<Duration> recoveryWindow(String resourceId) {
    return Optional.empty();
  }

  /**
   * The ids of images in use: launched and running, or referenced by a launch template or scaling
   * group where the provider can tell.
   */
  default Set<String> imagesInUse() {
    throw unsupported(Capability.IN_USE);
  }

  /**
   * Waits until the image satisfies {@code condition}, polling with backoff.
   *
   * @throws io.cloudimage.core.error.ProviderUnavailableException when {@code timeout} passes,
   *     naming the image and its last state
   */
  default Image await(
      String imageId,
      Predicate<Image> condition,
      Duration timeout,
      ProgressListener listener,
      Cancellation cancel) {
    return Waiter.await(
        "image " + imageId, () -> describe(imageId), condition, timeout, listener, cancel);
  }

  /** Releases connections and threads. */
  @Override
  void close();

  /** The exception for a missing capability, naming this provider. */
  default UnsupportedCapabilityException unsupported(Capability capability) {
    return new UnsupportedCapabilityException(
        "the " + name() + " provider cannot " + capability + "; check capabilities() first");
  }
}
