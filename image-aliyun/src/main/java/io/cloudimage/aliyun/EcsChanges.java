package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.provider.DeregisterOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ECS operations that change or remove what exists: ModifyImageAttribute (status and family),
 * TagResources and UntagResources, DeleteImage and DeleteSnapshot. A shared image is refused
 * deprecation before any change, as the service would refuse it.
 */
final class EcsChanges {
  private final String region;
  private final EcsClient ecs;
  private final EcsInventory inventory;
  private final SharingPolicy sharingPolicy;
  private final FamilyLimits familyLimits;
  private final Clock clock;

  EcsChanges(
      String region,
      EcsClient ecs,
      EcsInventory inventory,
      SharingPolicy sharingPolicy,
      FamilyLimits familyLimits,
      Clock clock) {
    this.region = region;
    this.ecs = ecs;
    this.inventory = inventory;
    this.sharingPolicy = sharingPolicy;
    this.familyLimits = familyLimits;
    this.clock = clock;
  }

  /** Deprecates now (ECS has no scheduled deprecation) after checking the image is unshared. */
  void deprecate(String imageId, Instant at) {
    sharingPolicy.checkDeprecate(imageId, inventory.sharedWith(imageId));
    ModifyImageAttributeRequest req = new ModifyImageAttributeRequest();
    req.setImageId(imageId);
    req.setStatus("Deprecated");
    ecs.call(req, region, imageId);
    Instant when = at.isAfter(clock.instant()) ? clock.instant() : at;
    tag(imageId, Tags.of(EcsMapping.DEPRECATED_AT_TAG, when.toString()), Set.of());
  }

  void undeprecate(String imageId) {
    AliyunDriver.checkImageId(imageId);
    ModifyImageAttributeRequest req = new ModifyImageAttributeRequest();
    req.setImageId(imageId);
    req.setStatus("Available");
    ecs.call(req, region, imageId);
    tag(imageId, Tags.EMPTY, Set.of(EcsMapping.DEPRECATED_AT_TAG));
  }

  /** Moves an image into a family (or out of one, with an empty name) after checking its limits. */
  void setFamily(String imageId, String family) {
    AliyunDriver.checkImageId(imageId);
    if (!family.isEmpty()) {
      FamilyLimits.checkName(family);
      familyLimits.checkRoomFor(family, inventory.familySizes());
    }
    ModifyImageAttributeRequest req = new ModifyImageAttributeRequest();
    req.setImageId(imageId);
    req.setImageFamily(family);
    ecs.call(req, region, imageId);
  }

  void tag(String resourceId, Tags add, Set<String> remove) {
    String type;
    if (AliyunDriver.IMAGE_ID.matcher(resourceId).matches()) {
      type = "image";
    } else if (AliyunDriver.SNAPSHOT_ID.matcher(resourceId).matches()) {
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

  /**
   * Deletes an image (DeleteImage without Force: an image in use is refused), then, when asked, the
   * snapshots that backed only it.
   */
  void deregister(String imageId, DeregisterOptions options) {
    Image image = inventory.describeImageIn(region, imageId);
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
  void deleteImage(String imageId, ImageDeletion deletion) {
    AliyunDriver.checkImageId(imageId);
    DeleteImageRequest req = new DeleteImageRequest();
    req.setImageId(imageId);
    req.setForce(deletion == ImageDeletion.FORCE);
    ecs.call(req, region, imageId);
  }

  void deleteSnapshot(String snapshotId) {
    AliyunDriver.checkSnapshotId(snapshotId);
    DeleteSnapshotRequest req = new DeleteSnapshotRequest();
    req.setSnapshotId(snapshotId);
    ecs.call(req, region, snapshotId);
  }
}
