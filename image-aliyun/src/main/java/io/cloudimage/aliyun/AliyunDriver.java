package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.CancelCopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageResponse;
import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.CreateImageResponse;
import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImageFromFamilyRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImageFromFamilyResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImageSharePermissionResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeTasksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeTasksResponse;
import com.aliyuncs.ecs.model.v20140526.ExportImageRequest;
import com.aliyuncs.ecs.model.v20140526.ExportImageResponse;
import com.aliyuncs.ecs.model.v20140526.ModifyImageAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.Waiter;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Over 400 lines because it is where every ECS operation meets its request and answer; the
 * mapping into the model and the translation of errors live in their own package-private classes.
 */
public final class AliyunDriver implements ImageDriver {
  /** The provider's name. */
  public static final String NAME = "aliyun";

  /** ECS answers at most 100 items a page. */
  static final int MAX_PAGE = 100;

  private static final Pattern IMAGE_ID = Pattern.compile("m-[a-z0-9]+");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("s-[a-z0-9]+");
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[a-z0-9]+");
  private static final Set<String> EXPORT_FORMATS = Set.of("raw", "vhd", "qcow2", "vmdk", "vdi");
  private static final String ALL_STATUSES =
      "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated";

  private final String region;
  private final EcsClient ecs;
  private final SharingPolicy sharingPolicy;
  private final FamilyLimits familyLimits;
  private final Clock clock;
  private final Map<YearMonth, Integer> shareCalls = new ConcurrentHashMap<>();

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
    this.familyLimits = familyLimits;
    this.clock = clock;
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
        EcsImageFilter.OWN.withTags(query.tags()).withDeprecated(query.includeDeprecated());
    Page<Image> page = listImages(filter, Math.min(query.pageSize(), MAX_PAGE), pageToken);
    return new Page<>(page.items().stream().filter(query::matches).toList(), page.nextToken());
  }

  /**
   * One page of DescribeImages with ECS's own filters.
   *
   * @param pageToken {@code null} for the first page, else the previous page's next token (the next
   *     PageNumber)
   */
  public Page<Image> listImages(EcsImageFilter filter, int pageSize, @Nullable String pageToken) {
    int pageNumber = pageNumber(pageToken);
    DescribeImagesRequest req = new DescribeImagesRequest();
    req.setPageNumber(pageNumber);
    req.setPageSize(Math.max(1, Math.min(pageSize, MAX_PAGE)));
    filter.applyTo(req);
    DescribeImagesResponse answer = ecs.call(req, region, null);
    List<Image> items = new ArrayList<>();
    for (DescribeImagesResponse.Image e : EcsMapping.list(answer.getImages())) {
      items.add(toImage(e, region));
    }
    return new Page<>(
        items, nextToken(answer.getPageNumber(), answer.getPageSize(), answer.getTotalCount()));
  }

  private static int pageNumber(@Nullable String token) {
    if (token == null) {
      return 1;
    }
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("'" + token + "' is not an ECS page token (a page number)");
    }
  }

  private static @Nullable String nextToken(
      @Nullable Integer number, @Nullable Integer size, @Nullable Integer total) {
    int n = number == null ? 1 : number;
    int s = size == null ? MAX_PAGE : size;
    int t = total == null ? 0 : total;
    return (long) n * s < t ? String.valueOf(n + 1) : null;
  }

  private Image toImage(DescribeImagesResponse.Image e, String imageRegion) {
    Sharing sharing = Sharing.NONE;
    if ("true".equalsIgnoreCase(e.getIsSelfShared()) && "self".equals(e.getImageOwnerAlias())) {
      sharing = EcsMapping.sharing(sharedWith(e.getImageId(), imageRegion));
    }
    return EcsMapping.image(e, imageRegion, sharing);
  }

  @Override
  public Image describeImage(String imageId) {
    return describeImageIn(region, imageId);
  }

  /** One image of another region (a copy's target, say). */
  public Image describeImageIn(String imageRegion, String imageId) {
    return toImage(rawImage(imageRegion, imageId), imageRegion);
  }

  private DescribeImagesResponse.Image rawImage(String imageRegion, String imageId) {
    checkImageId(imageId);
    DescribeImagesRequest req = new DescribeImagesRequest();
    req.setImageId(imageId);
    req.setStatus(ALL_STATUSES);
    req.setShowExpired(true);
    DescribeImagesResponse answer = ecs.call(req, imageRegion, imageId);
    for (DescribeImagesResponse.Image e : EcsMapping.list(answer.getImages())) {
      if (imageId.equals(e.getImageId())) {
        return e;
      }
    }
    throw new NotFoundException(
        "no image " + imageId + " in " + imageRegion + "; check the id and the region",
        imageId,
        "InvalidImageId.NotFound",
        answer.getRequestId(),
        null);
  }

  /** An image's progress in percent ("Progress"), in any region: how far a copy or capture is. */
  public int progress(String imageRegion, String imageId) {
    return EcsMapping.percent(rawImage(imageRegion, imageId).getProgress());
  }

  /** The result of the image check run after creation, as far as it has got. */
  public ImageCheck imageCheck(String imageId) {
    DescribeImagesResponse.Image raw = rawImage(region, imageId);
    DescribeImagesResponse.Image.DetectionOptions options = raw.getDetectionOptions();
    if (options == null) {
      return new ImageCheck(imageId, "", List.of());
    }
    List<ImageCheck.Finding> findings = new ArrayList<>();
    for (DescribeImagesResponse.Image.DetectionOptions.Item item :
        EcsMapping.list(options.getItems())) {
      findings.add(
          new ImageCheck.Finding(
              EcsMapping.text(item.getName()),
              EcsMapping.text(item.getValue()),
              EcsMapping.text(item.getRiskLevel()),
              EcsMapping.text(item.getRiskCode())));
    }
    return new ImageCheck(imageId, EcsMapping.text(options.getStatus()), findings);
  }

  /** The accounts an image of this region is shared with. */
  public List<String> sharedWith(String imageId) {
    return sharedWith(imageId, region);
  }

  private List<String> sharedWith(String imageId, String imageRegion) {
    checkImageId(imageId);
    List<String> accounts = new ArrayList<>();
    for (int page = 1; ; page++) {
      DescribeImageSharePermissionRequest req = new DescribeImageSharePermissionRequest();
      req.setImageId(imageId);
      req.setPageNumber(page);
      req.setPageSize(MAX_PAGE);
      DescribeImageSharePermissionResponse answer = ecs.call(req, imageRegion, imageId);
      for (DescribeImageSharePermissionResponse.Account a : EcsMapping.list(answer.getAccounts())) {
        accounts.add(EcsMapping.text(a.getAliyunId()));
      }
      if (nextToken(answer.getPageNumber(), answer.getPageSize(), answer.getTotalCount()) == null) {
        return accounts;
      }
    }
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    DescribeSnapshotsRequest req = new DescribeSnapshotsRequest();
    req.setPageNumber(pageNumber(pageToken));
    req.setPageSize(MAX_PAGE);
    DescribeSnapshotsResponse answer = ecs.call(req, region, null);
    List<Snapshot> items = new ArrayList<>();
    for (DescribeSnapshotsResponse.Snapshot s : EcsMapping.list(answer.getSnapshots())) {
      items.add(EcsMapping.snapshot(s, region));
    }
    return new Page<>(
        items, nextToken(answer.getPageNumber(), answer.getPageSize(), answer.getTotalCount()));
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    checkSnapshotId(snapshotId);
    DescribeSnapshotsRequest req = new DescribeSnapshotsRequest();
    req.setSnapshotIds("[\"" + snapshotId + "\"]");
    DescribeSnapshotsResponse answer = ecs.call(req, region, snapshotId);
    for (DescribeSnapshotsResponse.Snapshot s : EcsMapping.list(answer.getSnapshots())) {
      if (snapshotId.equals(s.getSnapshotId())) {
        return EcsMapping.snapshot(s, region);
      }
    }
    throw new NotFoundException(
        "no snapshot " + snapshotId + " in " + region + "; check the id and the region",
        snapshotId,
        "InvalidSnapshotId.NotFound",
        answer.getRequestId(),
        null);
  }

  @Override
  public Set<String> imagesInUse() {
    Set<String> inUse = new HashSet<>();
    for (int page = 1; ; page++) {
      DescribeInstancesRequest req = new DescribeInstancesRequest();
      req.setPageNumber(page);
      req.setPageSize(MAX_PAGE);
      DescribeInstancesResponse answer = ecs.call(req, region, null);
      for (DescribeInstancesResponse.Instance i : EcsMapping.list(answer.getInstances())) {
        String image = EcsMapping.blankToNull(i.getImageId());
        if (image != null) {
          inUse.add(image);
        }
      }
      if (nextToken(answer.getPageNumber(), answer.getPageSize(), answer.getTotalCount()) == null) {
        return inUse;
      }
    }
  }

  // ---- families ----

  /** The newest available image of a family (DescribeImageFromFamily), if the family has one. */
  public Optional<Image> latestInFamily(String family) {
    FamilyLimits.checkName(family);
    DescribeImageFromFamilyRequest req = new DescribeImageFromFamilyRequest();
    req.setImageFamily(family);
    DescribeImageFromFamilyResponse answer = ecs.call(req, region, null);
    DescribeImageFromFamilyResponse.Image e = answer.getImage();
    if (e == null || EcsMapping.blankToNull(e.getImageId()) == null) {
      return Optional.empty();
    }
    return Optional.of(describeImage(e.getImageId()));
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
    Map<String, Integer> sizes = new java.util.TreeMap<>();
    String token = null;
    do {
      Page<Image> page = listImages(EcsImageFilter.OWN, MAX_PAGE, token);
      for (Image i : page.items()) {
        String f = i.family();
        if (f != null) {
          sizes.merge(f, 1, Integer::sum);
        }
      }
      token = page.nextToken();
    } while (token != null);
    return sizes;
  }

  // ---- create, copy, export ----

  @Override
  public Image createImage(CreateRequest request, Operation operation) {
    return createImage(request, null, operation);
  }

  /**
   * Captures an image from an instance ({@code i-…}) or a snapshot ({@code s-…}), optionally into a
   * family whose limits are checked first; returns it still pending.
   */
  public Image createImage(CreateRequest request, @Nullable String family, Operation operation) {
    String source = request.source();
    CreateImageRequest req = new CreateImageRequest();
    if (INSTANCE_ID.matcher(source).matches()) {
      req.setInstanceId(source);
    } else if (SNAPSHOT_ID.matcher(source).matches()) {
      req.setSnapshotId(source);
    } else {
      throw new InvalidInputException(
          "'" + source + "' is neither an ECS instance id (i-…) nor a snapshot id (s-…)");
    }
    if (family != null) {
      FamilyLimits.checkName(family);
      familyLimits.checkRoomFor(family, familySizes());
      req.setImageFamily(family);
    }
    return create(req, request, operation);
  }

  /** Captures one image from several snapshots, each mapped to its device. */
  public Image createImageFromSnapshots(
      Map<String, String> snapshotByDevice,
      CreateRequest request,
      @Nullable String family,
      Operation operation) {
    List<CreateImageRequest.DiskDeviceMapping> mappings = new ArrayList<>();
    for (Map.Entry<String, String> e : snapshotByDevice.entrySet()) {
      CreateImageRequest.DiskDeviceMapping m = new CreateImageRequest.DiskDeviceMapping();
      m.setDevice(e.getKey());
      m.setSnapshotId(checkSnapshotId(e.getValue()));
      mappings.add(m);
    }
    CreateImageRequest req = new CreateImageRequest();
    req.setDiskDeviceMappings(mappings);
    if (family != null) {
      FamilyLimits.checkName(family);
      familyLimits.checkRoomFor(family, familySizes());
      req.setImageFamily(family);
    }
    return create(req, request, operation);
  }

  private Image create(CreateImageRequest req, CreateRequest request, Operation operation) {
    req.setImageName(request.name());
    // The standard check inspects the guest (drivers, fstab, GRUB, DHCP); see imageCheck().
    req.setDetectionStrategy("Standard");
    if (!request.description().isEmpty()) {
      req.setDescription(request.description());
    }
    List<CreateImageRequest.Tag> tags = new ArrayList<>();
    request
        .tags()
        .asMap()
        .forEach(
            (k, v) -> {
              CreateImageRequest.Tag t = new CreateImageRequest.Tag();
              t.setKey(k);
              t.setValue(v);
              tags.add(t);
            });
    if (!tags.isEmpty()) {
      req.setTags(tags);
    }
    operation.throwIfCancelled();
    CreateImageResponse answer = ecs.call(req, region, request.source());
    operation.progress(new Progress(operation.name(), 0, 100, "creating " + answer.getImageId()));
    return describeImage(answer.getImageId());
  }

  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    checkImageId(request.sourceImageId());
    if (request.targetAccount() != null) {
      throw new InvalidInputException(
          "ECS copies images within one account; share "
              + request.sourceImageId()
              + " with "
              + request.targetAccount()
              + " and let that account copy it");
    }
    CopyImageRequest req = new CopyImageRequest();
    req.setImageId(request.sourceImageId());
    req.setDestinationRegionId(request.targetRegion());
    req.setDestinationImageName(request.name());
    String kms = request.kmsKeyId();
    if (kms != null) {
      req.setEncrypted(true);
      req.setKMSKeyId(kms);
    }
    operation.throwIfCancelled();
    CopyImageResponse answer = ecs.call(req, region, request.sourceImageId());
    operation.progress(
        new Progress(operation.name(), 0, 100, "copying to " + request.targetRegion()));
    return describeImageIn(request.targetRegion(), answer.getImageId());
  }

  /** Cancels a copy still in progress (CancelCopyImage, in the copy's region). */
  public void cancelCopy(String targetRegion, String copyImageId) {
    checkImageId(copyImageId);
    CancelCopyImageRequest req = new CancelCopyImageRequest();
    req.setImageId(copyImageId);
    ecs.call(req, targetRegion, copyImageId);
  }

  /**
   * Exports an image to OSS in this region and polls the task to completion. Windows images and
   * images from the Marketplace are refused before the ExportImage call, as the service would
   * refuse them.
   */
  @Override
  public void exportImage(ExportRequest request, Operation operation) {
    URI target = request.target();
    if (!"oss".equals(target.getScheme()) || target.getHost() == null) {
      throw new InvalidInputException(
          "ECS exports to OSS in the same region: use oss://bucket/prefix, not " + target);
    }
    String format = request.format().toLowerCase(Locale.ROOT);
    if (!EXPORT_FORMATS.contains(format)) {
      throw new InvalidInputException(
          "ECS exports "
              + String.join(", ", new java.util.TreeSet<>(EXPORT_FORMATS))
              + ", not '"
              + request.format()
              + "'");
    }
    DescribeImagesResponse.Image raw = rawImage(region, request.imageId());
    if ("windows".equalsIgnoreCase(raw.getOSType())
        || EcsMapping.os(raw.getPlatform(), raw.getOSNameEn(), raw.getOSName(), raw.getOSType())
                .family()
            == OsFamily.WINDOWS_SERVER) {
      throw new InvalidInputException(
          "image " + request.imageId() + " runs Windows, and ECS does not export Windows images");
    }
    if (EcsMapping.fromMarketplace(raw)) {
      throw new InvalidInputException(
          "image "
              + request.imageId()
              + " comes from an Alibaba Cloud Marketplace image, which ECS does not export");
    }
    String prefix = target.getPath() == null ? "" : target.getPath().replaceFirst("^/", "");
    ExportImageRequest req = new ExportImageRequest();
    req.setImageId(request.imageId());
    req.setOSSBucket(target.getHost());
    if (!prefix.isEmpty()) {
      req.setOSSPrefix(prefix);
    }
    req.setImageFormat(format.toUpperCase(Locale.ROOT));
    operation.throwIfCancelled();
    ExportImageResponse answer = ecs.call(req, region, request.imageId());
    String taskId = answer.getTaskId();
    Duration left = Duration.between(clock.instant(), operation.deadline());
    DescribeTasksResponse.Task done =
        Waiter.await(
            "export task " + taskId,
            () -> task(taskId),
            t -> !"Processing".equals(t.getTaskStatus()) && !"Waiting".equals(t.getTaskStatus()),
            left.isNegative() ? Duration.ofSeconds(1) : left,
            operation.listener(),
            operation.cancellation());
    if (!"Finished".equals(done.getTaskStatus())) {
      throw new CloudImageException(
          "export of "
              + request.imageId()
              + " to "
              + target
              + " ended "
              + done.getTaskStatus()
              + " (task "
              + taskId
              + "); see DescribeTaskAttribute for the reason");
    }
  }

  private DescribeTasksResponse.Task task(String taskId) {
    DescribeTasksRequest req = new DescribeTasksRequest();
    req.setTaskIds(taskId);
    DescribeTasksResponse answer = ecs.call(req, region, taskId);
    for (DescribeTasksResponse.Task t : EcsMapping.list(answer.getTaskSet())) {
      if (taskId.equals(t.getTaskId())) {
        return t;
      }
    }
    throw new NotFoundException("no task " + taskId + " in " + region, taskId, null, null, null);
  }

  // ---- state changes ----

  /** Deprecates now (ECS has no scheduled deprecation) after checking the image is unshared. */
  @Override
  public void deprecate(String imageId, Instant at) {
    sharingPolicy.checkDeprecate(imageId, sharedWith(imageId));
    ModifyImageAttributeRequest req = new ModifyImageAttributeRequest();
    req.setImageId(imageId);
    req.setStatus("Deprecated");
    ecs.call(req, region, imageId);
    Instant when = at.isAfter(clock.instant()) ? clock.instant() : at;
    tag(imageId, Tags.of(EcsMapping.DEPRECATED_AT_TAG, when.toString()), Set.of());
  }

  @Override
  public void undeprecate(String imageId) {
    checkImageId(imageId);
    ModifyImageAttributeRequest req = new ModifyImageAttributeRequest();
    req.setImageId(imageId);
    req.setStatus("Available");
    ecs.call(req, region, imageId);
    tag(imageId, Tags.EMPTY, Set.of(EcsMapping.DEPRECATED_AT_TAG));
  }

  /** Moves an image into a family (or out of one, with an empty name) after checking its limits. */
  public void setFamily(String imageId, String family) {
    checkImageId(imageId);
    if (!family.isEmpty()) {
      FamilyLimits.checkName(family);
      familyLimits.checkRoomFor(family, familySizes());
    }
    ModifyImageAttributeRequest req = new ModifyImageAttributeRequest();
    req.setImageId(imageId);
    req.setImageFamily(family);
    ecs.call(req, region, imageId);
  }

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    String type;
    if (IMAGE_ID.matcher(resourceId).matches()) {
      type = "image";
    } else if (SNAPSHOT_ID.matcher(resourceId).matches()) {
      type = "snapshot";
    } else {
      throw new InvalidInputException(
          "'" + resourceId + "' is neither an ECS image id (m-…) nor a snapshot id (s-…)");
    }
    if (!add.isEmpty()) {
      TagResourcesRequest req = new TagResourcesRequest();
      req.setResourceType(type);
      req.setResourceIds(List.of(resourceId));
      List<TagResourcesRequest.Tag> tags = new ArrayList<>();
      add.asMap()
          .forEach(
              (k, v) -> {
                TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
                t.setKey(k);
                t.setValue(v);
                tags.add(t);
              });
      req.setTags(tags);
      ecs.call(req, region, resourceId);
    }
    if (!remove.isEmpty()) {
      UntagResourcesRequest req = new UntagResourcesRequest();
      req.setResourceType(type);
      req.setResourceIds(List.of(resourceId));
      req.setTagKeys(new ArrayList<>(remove));
      ecs.call(req, region, resourceId);
    }
  }

  // ---- sharing ----

  @Override
  public void share(String imageId, Set<String> accounts) {
    checkImageId(imageId);
    // The quota checks that need no state run before the share list is read.
    sharingPolicy.checkShare(imageId, region, region, List.of(), accounts, callsThisMonth());
    sharingPolicy.checkShare(
        imageId, region, region, sharedWith(imageId), accounts, callsThisMonth());
    ModifyImageSharePermissionRequest req = new ModifyImageSharePermissionRequest();
    req.setImageId(imageId);
    req.setAddAccounts(new ArrayList<>(new LinkedHashSet<>(accounts)));
    ecs.call(req, region, imageId);
    shareCalls.merge(YearMonth.now(clock.withZone(ZoneOffset.UTC)), 1, Integer::sum);
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    checkImageId(imageId);
    sharingPolicy.checkUnshare(accounts, callsThisMonth());
    ModifyImageSharePermissionRequest req = new ModifyImageSharePermissionRequest();
    req.setImageId(imageId);
    req.setRemoveAccounts(new ArrayList<>(new LinkedHashSet<>(accounts)));
    ecs.call(req, region, imageId);
    shareCalls.merge(YearMonth.now(clock.withZone(ZoneOffset.UTC)), 1, Integer::sum);
  }

  /** Share calls this driver made this month (UTC). */
  public int callsThisMonth() {
    return shareCalls.getOrDefault(YearMonth.now(clock.withZone(ZoneOffset.UTC)), 0);
  }

  // ---- deletion ----

  /**
   * Deletes an image (DeleteImage without Force: an image in use is refused), then, when asked, the
   * snapshots that backed only it.
   */
  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    Image image = describeImage(imageId);
    deleteImage(imageId, ImageDeletion.UNLESS_IN_USE);
    if (options.deletesSnapshots()) {
      for (DeviceBinding d : image.guest().deviceBindings()) {
        String s = d.snapshotId();
        if (s == null) {
          continue;
        }
        try {
          deleteSnapshot(s);
        } catch (ConflictException e) {
          // Another image still uses it; it stays, as DeregisterOptions promises.
        }
      }
    }
  }

  /** Deletes an image; {@link ImageDeletion#FORCE} also one that instances still use. */
  public void deleteImage(String imageId, ImageDeletion deletion) {
    checkImageId(imageId);
    DeleteImageRequest req = new DeleteImageRequest();
    req.setImageId(imageId);
    req.setForce(deletion == ImageDeletion.FORCE);
    ecs.call(req, region, imageId);
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    checkSnapshotId(snapshotId);
    DeleteSnapshotRequest req = new DeleteSnapshotRequest();
    req.setSnapshotId(snapshotId);
    ecs.call(req, region, snapshotId);
  }

  @Override
  public void close() {
    ecs.close();
  }
}
