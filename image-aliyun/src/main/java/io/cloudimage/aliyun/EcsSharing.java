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
import io.cloudimage.core.model.DeviceBinding;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.Tags;
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
 * ModifyImageSharePermission, checked first against the {@link SharingPolicy}, and the count of
 * share calls this month that the policy's monthly quota needs.
 */
final class EcsSharing {
  private final String region;
  private final EcsClient ecs;
  private final EcsInventory inventory;
  private final SharingPolicy sharingPolicy;
  private final Clock clock;
  private final Map<YearMonth, Integer> shareCalls = new ConcurrentHashMap<>();

  EcsSharing(
      String region,
      EcsClient ecs,
      EcsInventory inventory,
      SharingPolicy sharingPolicy,
      Clock clock) {
    this.region = region;
    this.ecs = ecs;
    this.inventory = inventory;
    this.sharingPolicy = sharingPolicy;
    this.clock = clock;
  }

  void share(String imageId, Set<String> accounts) {
    AliyunDriver.checkImageId(imageId);
    // The quota checks that need no state run before the share list is read.
    sharingPolicy.checkShare(imageId, region, region, List.of(), accounts, callsThisMonth());
    sharingPolicy.checkShare(
        imageId, region, region, inventory.sharedWith(imageId), accounts, callsThisMonth());
    ModifyImageSharePermissionRequest req = new ModifyImageSharePermissionRequest();
    req.setImageId(imageId);
    req.setAddAccounts(new ArrayList<>(new LinkedHashSet<>(accounts)));
    ecs.call(req, region, imageId);
    shareCalls.merge(YearMonth.now(clock.withZone(ZoneOffset.UTC)), 1, Integer::sum);
  }

  void unshare(String imageId, Set<String> accounts) {
    AliyunDriver.checkImageId(imageId);
    sharingPolicy.checkUnshare(accounts, callsThisMonth());
    ModifyImageSharePermissionRequest req = new ModifyImageSharePermissionRequest();
    req.setImageId(imageId);
    req.setRemoveAccounts(new ArrayList<>(new LinkedHashSet<>(accounts)));
    ecs.call(req, region, imageId);
    shareCalls.merge(YearMonth.now(clock.withZone(ZoneOffset.UTC)), 1, Integer::sum);
  }

  /** Share calls this driver made this month (UTC). */
  int callsThisMonth() {
    return shareCalls.getOrDefault(YearMonth.now(clock.withZone(ZoneOffset.UTC)), 0);
  }
}
