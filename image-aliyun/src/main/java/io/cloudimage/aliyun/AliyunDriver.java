package io.cloudimage.aliyun;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Alibaba Cloud ECS driver: one region, one SDK client, one attempt per call. {@link
 * AliyunProvider} wraps it in the client that adds timeouts and retries.
 *
 * <ul>
 *   <li>Ids are checked before any call: images {@code m-…}, snapshots {@code s-…}, instances
 *       {@code i-…}, lower-case letters and digits.
 *   <li>Listings page with PageNumber/PageSize; the page token is the next PageNumber.
 *   <li>ECS keeps no deprecation time, so deprecating also writes the {@code
 *       cloudimage:deprecated-at} tag.
 *   <li>Sharing, family and export rules are checked client-side before the call that would break
 *       them ({@link SharingPolicy}, {@link FamilyLimits}, {@link #exportImage}).
 * </ul>
 *
 * <p>The work is split by job into package-private classes: describing ({@code EcsInventory}),
 * making images ({@code EcsCapture}, {@code EcsImports}), exports ({@code EcsExports}), sharing
 * ({@code EcsSharing}) and changes and deletions ({@code EcsChanges}); this class checks ids and
 * hands each operation to its job.
 */
public final class AliyunDriver implements ImageDriver {
  /** The provider's name. */
  public static final String NAME = "aliyun";

  /** ECS answers at most 100 items a page. */
  static final int MAX_PAGE = 100;

  static final Pattern IMAGE_ID = Pattern.compile("m-[a-z0-9]+");
  static final Pattern SNAPSHOT_ID = Pattern.compile("s-[a-z0-9]+");
  static final Pattern INSTANCE_ID = Pattern.compile("i-[a-z0-9]+");

  private final String region;
  private final EcsClient ecs;
  private final SharingPolicy sharingPolicy;
  private final Clock clock;
  private final EcsInventory inventory;
  private final EcsCapture capture;
  private final EcsExports exports;
  private final EcsSharing sharing;
  private final EcsChanges changes;

  /**
   * A driver for one region.
   *
   * @param region the region, such as {@code cn-hangzhou}
   * @param endpoint an endpoint override ({@code http://} or {@code https://}), or {@code null} for
   *     the SDK's endpoint of each region
   * @param credentials the AccessKey pair
   * @param attemptTimeout the connect and read timeout of one HTTP attempt
   */
  public AliyunDriver(
      String region,
      @Nullable URI endpoint,
      AliyunCredentials credentials,
      Duration attemptTimeout,
      SharingPolicy sharingPolicy,
      FamilyLimits familyLimits,
      Clock clock) {
    if (!region.matches("[a-z]{2,}-[a-z0-9-]+")) {
      throw new InvalidInputException(
          "'" + region + "' is not an Alibaba Cloud region id (such as cn-hangzhou)");
    }
    this.region = region;
    this.ecs = new EcsClient(region, endpoint, credentials, attemptTimeout);
    this.sharingPolicy = sharingPolicy;
    this.clock = clock;
    this.inventory = new EcsInventory(region, ecs);
    this.capture = new EcsCapture(region, ecs, inventory, familyLimits);
    this.exports = new EcsExports(region, ecs, inventory, clock);
    this.sharing = new EcsSharing(region, ecs, inventory, sharingPolicy, clock);
    this.changes = new EcsChanges(region, ecs, inventory, sharingPolicy, familyLimits, clock);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String region() {
    return region;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.of(
        Capability.LIST_IMAGES,
        Capability.LIST_SNAPSHOTS,
        Capability.CREATE_IMAGE,
        Capability.COPY_IMAGE,
        Capability.REENCRYPT,
        Capability.DEPRECATE,
        Capability.DEREGISTER,
        Capability.DELETE_SNAPSHOT,
        Capability.TAG,
        Capability.SHARE,
        Capability.EXPORT,
        Capability.IN_USE);
  }

  /** The sharing rules this driver enforces. */
  public SharingPolicy sharingPolicy() {
    return sharingPolicy;
  }

  // ---- ids ----

  /** Checks an image id's form; no call is made. */
  public static String checkImageId(String id) {
    if (!IMAGE_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "'" + id + "' is not an ECS image id (m- and lower-case letters and digits)");
    }
    return id;
  }

  static String checkSnapshotId(String id) {
    if (!SNAPSHOT_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "'" + id + "' is not an ECS snapshot id (s- and lower-case letters and digits)");
    }
    return id;
  }

  // ---- listing and describing ----

  @Override
  public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
    EcsImageFilter filter =
        query.includeDeprecated()
            ? EcsImageFilter.OWN.withTags(query.tags()).withDeprecated()
            : EcsImageFilter.OWN.withTags(query.tags()).withoutDeprecated();
    Page<Image> page =
        inventory.listImages(filter, Math.min(query.pageSize(), MAX_PAGE), pageToken);
    return new Page<>(page.items().stream().filter(query::matches).toList(), page.nextToken());
  }

  /**
   * One page of DescribeImages with ECS's own filters.
   *
   * @param pageToken {@code null} for the first page, else the previous page's next token (the next
   *     PageNumber)
   */
  public Page<Image> listImages(EcsImageFilter filter, int pageSize, @Nullable String pageToken) {
    return inventory.listImages(filter, pageSize, pageToken);
  }

  @Override
  public Image describeImage(String imageId) {
    return inventory.describeImageIn(region, imageId);
  }

  /** One image of another region (a copy's target, say). */
  public Image describeImageIn(String imageRegion, String imageId) {
    return inventory.describeImageIn(imageRegion, imageId);
  }

  /** An image's progress in percent ("Progress"), in any region: how far a copy or capture is. */
  public int progress(String imageRegion, String imageId) {
    return inventory.progress(imageRegion, imageId);
  }

  /** The result of the image check run after creation, as far as it has got. */
  public ImageCheck imageCheck(String imageId) {
    return inventory.imageCheck(imageId);
  }

  /** The accounts an image of this region is shared with. */
  public List<String> sharedWith(String imageId) {
    return inventory.sharedWith(imageId);
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    return inventory.listSnapshots(pageToken);
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    return inventory.describeSnapshot(snapshotId);
  }

  @Override
  public Set<String> imagesInUse() {
    return inventory.imagesInUse();
  }

  // ---- families ----

  /** The newest available image of a family (DescribeImageFromFamily), if the family has one. */
  public Optional<Image> latestInFamily(String family) {
    return inventory.latestInFamily(family);
  }

  /**
   * Rolls a family back: deprecates its newest available image, so that the family resolves to the
   * one before it. Returns the image deprecated.
   *
   * @throws NotFoundException when the family has no available image
   */
  public Image rollBackFamily(String family) {
    Image newest =
        latestInFamily(family)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "family " + family + " has no available image in " + region,
                        family,
                        null,
                        null,
                        null));
    deprecate(newest.nativeId(), clock.instant());
    return newest;
  }

  /** How many images each family of the caller's holds in this region. */
  public Map<String, Integer> familySizes() {
    return inventory.familySizes();
  }

  /** Moves an image into a family (or out of one, with an empty name) after checking its limits. */
  public void setFamily(String imageId, String family) {
    changes.setFamily(imageId, family);
  }

  // ---- create, import, copy, export ----

  /** Captures an image into the request's family, if it names one, after checking its limits. */
  @Override
  public Image createImage(CreateRequest request, Operation operation) {
    return capture.createImage(request, request.family(), operation);
  }

  /**
   * Captures an image from an instance ({@code i-…}) or a snapshot ({@code s-…}), optionally into a
   * family ({@code family}, else the request's) whose limits are checked first; returns it still
   * pending.
   */
  public Image createImage(CreateRequest request, @Nullable String family, Operation operation) {
    return capture.createImage(request, family != null ? family : request.family(), operation);
  }

  /** Captures one image from several snapshots, each mapped to its device. */
  public Image createImageFromSnapshots(
      Map<String, String> snapshotByDevice,
      CreateRequest request,
      @Nullable String family,
      Operation operation) {
    return capture.createImageFromSnapshots(
        snapshotByDevice, request, family != null ? family : request.family(), operation);
  }

  /** Starts an ImportImage from OSS after checking the family limits, without waiting. */
  EcsImports.Started startImport(OssImport request) {
    return capture.startImport(request);
  }

  /** How far an import has got: one DescribeImages and one DescribeTasks. */
  ImportState importState(EcsImports.Started started) {
    return capture.importState(started);
  }

  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    return capture.copyImage(request, operation);
  }

  /** Cancels a copy still in progress (CancelCopyImage, in the copy's region). */
  public void cancelCopy(String targetRegion, String copyImageId) {
    capture.cancelCopy(targetRegion, copyImageId);
  }

  /**
   * Exports an image to OSS in this region and polls the task to completion. Windows images and
   * images from the Marketplace are refused before the ExportImage call, as the service would
   * refuse them.
   */
  @Override
  public void exportImage(ExportRequest request, Operation operation) {
    exports.exportImage(request, operation);
  }

  // ---- state changes ----

  /** Deprecates now (ECS has no scheduled deprecation) after checking the image is unshared. */
  @Override
  public void deprecate(String imageId, Instant at) {
    changes.deprecate(imageId, at);
  }

  @Override
  public void undeprecate(String imageId) {
    changes.undeprecate(imageId);
  }

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    changes.tag(resourceId, add, remove);
  }

  // ---- sharing ----

  @Override
  public void share(String imageId, Set<String> accounts) {
    sharing.share(imageId, accounts);
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    sharing.unshare(imageId, accounts);
  }

  /** Share calls this driver made this month (UTC). */
  public int callsThisMonth() {
    return sharing.callsThisMonth();
  }

  // ---- deletion ----

  /**
   * Deletes an image (DeleteImage without Force: an image in use is refused), then, when asked, the
   * snapshots that backed only it.
   */
  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    changes.deregister(imageId, options);
  }

  /** Deletes an image; {@link ImageDeletion#FORCE} also one that instances still use. */
  public void deleteImage(String imageId, ImageDeletion deletion) {
    changes.deleteImage(imageId, deletion);
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    changes.deleteSnapshot(snapshotId);
  }

  @Override
  public void close() {
    ecs.close();
  }
}
