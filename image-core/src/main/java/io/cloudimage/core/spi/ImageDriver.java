package io.cloudimage.core.spi;

import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.Sanitization;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a cloud implements: one plain method per operation over the cloud's own API, as jclouds'
 * {@code ComputeServiceAdapter} is to its {@code ComputeService}.
 *
 * <p>A driver makes one attempt per call. It does not retry, sleep, enforce timeouts, check
 * capabilities, log requests or count them: the client ({@link
 * io.cloudimage.core.client.ImageProvider}) does all of that around every call, the same way for
 * every cloud. A driver's job is to translate: the cloud's request, the cloud's answer into the
 * model, and the cloud's errors into the {@link io.cloudimage.core.error.CloudImageException}
 * hierarchy with the error code, request id and retryable flag filled in ({@link
 * io.cloudimage.core.error.ThrottledException} for throttling, with the server's {@code
 * Retry-After} when it sent one; {@link io.cloudimage.core.error.ProviderUnavailableException} for
 * 5xx and connection failures).
 *
 * <p>The client calls an operation only when {@link #capabilities()} lists its capability; the
 * defaults of optional operations throw {@link UnsupportedCapabilityException} as a last guard.
 * Drivers must be thread-safe: the client may run calls from several threads, and runs each call on
 * a worker thread so that it can stop waiting for it.
 */
public interface ImageDriver extends AutoCloseable {

  /** The provider's name: {@code local}, {@code aws} or {@code aliyun}. */
  String name();

  /** The region this driver talks to. */
  String region();

  /** See {@link io.cloudimage.core.client.ImageProvider#identity()}. */
  default String identity() {
    return name() + ":" + region();
  }

  /** What this driver can do; the client checks it before every call. */
  Capabilities capabilities();

  /**
   * One page of the images the query selects.
   *
   * @param pageToken {@code null} for the first page, else the previous page's {@link
   *     Page#nextToken()}
   */
  Page<Image> listImages(ImageQuery query, @Nullable String pageToken);

  /** One page of the snapshots the caller owns ({@link Capability#LIST_SNAPSHOTS}). */
  default Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    throw unsupported(Capability.LIST_SNAPSHOTS);
  }

  /**
   * One image.
   *
   * @throws io.cloudimage.core.error.NotFoundException when there is none
   */
  Image describeImage(String imageId);

  /** One snapshot ({@link Capability#LIST_SNAPSHOTS}). */
  default Snapshot describeSnapshot(String snapshotId) {
    throw unsupported(Capability.LIST_SNAPSHOTS);
  }

  /** Captures an image ({@link Capability#CREATE_IMAGE}); may return it still pending. */
  default Image createImage(CreateRequest request, Operation operation) {
    throw unsupported(Capability.CREATE_IMAGE);
  }

  /** Copies an image ({@link Capability#COPY_IMAGE}); may return the copy still pending. */
  default Image copyImage(CopyRequest request, Operation operation) {
    throw unsupported(Capability.COPY_IMAGE);
  }

  /** Registers a disk-image file as an image ({@link Capability#IMPORT}). */
  default Image importImage(ImportRequest request, Operation operation) {
    throw unsupported(Capability.IMPORT);
  }

  /** Exports an image's disk ({@link Capability#EXPORT}). */
  default void exportImage(ExportRequest request, Operation operation) {
    throw unsupported(Capability.EXPORT);
  }

  /** Deprecates an image as of {@code at} ({@link Capability#DEPRECATE}). */
  default void deprecate(String imageId, Instant at) {
    throw unsupported(Capability.DEPRECATE);
  }

  /** Cancels a deprecation ({@link Capability#DEPRECATE}). */
  default void undeprecate(String imageId) {
    throw unsupported(Capability.DEPRECATE);
  }

  /** Disables an image ({@link Capability#DISABLE}). */
  default void disable(String imageId) {
    throw unsupported(Capability.DISABLE);
  }

  /** Re-enables a disabled image ({@link Capability#DISABLE}). */
  default void enable(String imageId) {
    throw unsupported(Capability.DISABLE);
  }

  /** Turns deregistration protection on ({@link Capability#DEREGISTRATION_PROTECTION}). */
  default void protect(String imageId) {
    throw unsupported(Capability.DEREGISTRATION_PROTECTION);
  }

  /** Turns deregistration protection off ({@link Capability#DEREGISTRATION_PROTECTION}). */
  default void unprotect(String imageId) {
    throw unsupported(Capability.DEREGISTRATION_PROTECTION);
  }

  /**
   * Deregisters an image ({@link Capability#DEREGISTER}).
   *
   * @throws io.cloudimage.core.error.ConflictException when it is protected or in use
   */
  default void deregister(String imageId, DeregisterOptions options) {
    throw unsupported(Capability.DEREGISTER);
  }

  /**
   * Deletes a snapshot ({@link Capability#DELETE_SNAPSHOT}).
   *
   * @throws io.cloudimage.core.error.ConflictException when it still backs a registered image
   */
  default void deleteSnapshot(String snapshotId) {
    throw unsupported(Capability.DELETE_SNAPSHOT);
  }

  /** Adds or replaces tags and removes keys ({@link Capability#TAG}). */
  default void tag(String resourceId, Tags add, Set<String> remove) {
    throw unsupported(Capability.TAG);
  }

  /** Shares an image with more accounts ({@link Capability#SHARE}). */
  default void share(String imageId, Set<String> accounts) {
    throw unsupported(Capability.SHARE);
  }

  /** Stops sharing an image with some accounts ({@link Capability#SHARE}). */
  default void unshare(String imageId, Set<String> accounts) {
    throw unsupported(Capability.SHARE);
  }

  /** Moves storage to another tier ({@link Capability#MOVE_TIER}). */
  default void moveTier(String resourceId, StorageTier tier, Operation operation) {
    throw unsupported(Capability.MOVE_TIER);
  }

  /** Restores archived storage for {@code keepFor} ({@link Capability#RESTORE_TIER}). */
  default void restoreTier(String resourceId, Duration keepFor, Operation operation) {
    throw unsupported(Capability.RESTORE_TIER);
  }

  /** Sanitises and removes an image ({@link Capability#ERASE}). */
  default Sanitization erase(String imageId, Operation operation) {
    throw unsupported(Capability.ERASE);
  }

  /** How long a deleted resource stays recoverable, or empty when deletion is final. */
  default Optional<Duration> recoveryWindow(String resourceId) {
    return Optional.empty();
  }

  /** The ids of images in use ({@link Capability#IN_USE}). */
  default Set<String> imagesInUse() {
    throw unsupported(Capability.IN_USE);
  }

  /** Releases connections and threads. */
  @Override
  void close();

  /** The exception for a missing capability, naming this driver. */
  default UnsupportedCapabilityException unsupported(Capability capability) {
    return new UnsupportedCapabilityException(
        "the " + name() + " provider cannot " + capability + "; check capabilities() first");
  }
}
