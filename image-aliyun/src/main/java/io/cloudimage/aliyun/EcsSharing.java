package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.ModifyImageSharePermissionRequest;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
