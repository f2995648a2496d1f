package io.cloudimage.aliyun;

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
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.provider.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The describing side of the ECS driver: DescribeImages (paged, and one image in any region),
 * DescribeImageSharePermission, DescribeSnapshots, DescribeInstances, DescribeImageFromFamily and
 * DescribeTasks, answered in the model.
 */
final class EcsInventory {
  private static final String ALL_STATUSES =
      "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated";

  private final String region;
  private final EcsClient ecs;

  EcsInventory(String region, EcsClient ecs) {
    this.region = region;
    this.ecs = ecs;
  }

  /**
   * One page of DescribeImages with ECS's own filters.
   *
   * @param pageToken {@code null} for the first page, else the previous page's next token (the next
   *     PageNumber)
   */
  Page<Image> listImages(EcsImageFilter filter, int pageSize, @Nullable String pageToken) {
    int pageNumber = pageNumber(pageToken);
    DescribeImagesRequest req = new DescribeImagesRequest();
    req.setPageNumber(pageNumber);
    req.setPageSize(Math.max(1, Math.min(pageSize, AliyunDriver.MAX_PAGE)));
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

  static @Nullable String nextToken(
      @Nullable Integer number, @Nullable Integer size, @Nullable Integer total) {
    int n = number == null ? 1 : number;
    int s = size == null ? AliyunDriver.MAX_PAGE : size;
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

  /** One image of another region (a copy's target, say). */
  Image describeImageIn(String imageRegion, String imageId) {
    return toImage(rawImage(imageRegion, imageId), imageRegion);
  }

  DescribeImagesResponse.Image rawImage(String imageRegion, String imageId) {
    AliyunDriver.checkImageId(imageId);
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
  int progress(String imageRegion, String imageId) {
    return EcsMapping.percent(rawImage(imageRegion, imageId).getProgress());
  }

  /** The result of the image check run after creation, as far as it has got. */
  ImageCheck imageCheck(String imageId) {
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
  List<String> sharedWith(String imageId) {
    return sharedWith(imageId, region);
  }

  List<String> sharedWith(String imageId, String imageRegion) {
    AliyunDriver.checkImageId(imageId);
    List<String> accounts = new ArrayList<>();
    for (int page = 1; ; page++) {
      DescribeImageSharePermissionRequest req = new DescribeImageSharePermissionRequest();
      req.setImageId(imageId);
      req.setPageNumber(page);
      req.setPageSize(AliyunDriver.MAX_PAGE);
      DescribeImageSharePermissionResponse answer = ecs.call(req, imageRegion, imageId);
      for (DescribeImageSharePermissionResponse.Account a : EcsMapping.list(answer.getAccounts())) {
        accounts.add(EcsMapping.text(a.getAliyunId()));
      }
      if (nextToken(answer.getPageNumber(), answer.getPageSize(), answer.getTotalCount()) == null) {
        return accounts;
      }
    }
  }

  Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    DescribeSnapshotsRequest req = new DescribeSnapshotsRequest();
    req.setPageNumber(pageNumber(pageToken));
    req.setPageSize(AliyunDriver.MAX_PAGE);
    DescribeSnapshotsResponse answer = ecs.call(req, region, null);
    List<Snapshot> items = new ArrayList<>();
    for (DescribeSnapshotsResponse.Snapshot s : EcsMapping.list(answer.getSnapshots())) {
      items.add(EcsMapping.snapshot(s, region));
    }
    return new Page<>(
        items, nextToken(answer.getPageNumber(), answer.getPageSize(), answer.getTotalCount()));
  }

  Snapshot describeSnapshot(String snapshotId) {
    AliyunDriver.checkSnapshotId(snapshotId);
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

  Set<String> imagesInUse() {
    Set<String> inUse = new HashSet<>();
    for (int page = 1; ; page++) {
      DescribeInstancesRequest req = new DescribeInstancesRequest();
      req.setPageNumber(page);
      req.setPageSize(AliyunDriver.MAX_PAGE);
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

  /** The newest available image of a family (DescribeImageFromFamily), if the family has one. */
  Optional<Image> latestInFamily(String family) {
    FamilyLimits.checkName(family);
    DescribeImageFromFamilyRequest req = new DescribeImageFromFamilyRequest();
    req.setImageFamily(family);
    DescribeImageFromFamilyResponse answer = ecs.call(req, region, null);
    DescribeImageFromFamilyResponse.Image e = answer.getImage();
    if (e == null || EcsMapping.blankToNull(e.getImageId()) == null) {
      return Optional.empty();
    }
    return Optional.of(describeImageIn(region, e.getImageId()));
  }

  /** How many images each family of the caller's holds in this region. */
  Map<String, Integer> familySizes() {
    Map<String, Integer> sizes = new java.util.TreeMap<>();
    String token = null;
    do {
      Page<Image> page = listImages(EcsImageFilter.OWN, AliyunDriver.MAX_PAGE, token);
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

  DescribeTasksResponse.Task task(String taskId) {
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
}
