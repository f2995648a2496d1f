package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.CancelCopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageResponse;
import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.CreateImageResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeTasksResponse;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ECS operations that make images: CreateImage (from an instance, a snapshot or several
 * snapshots), ImportImage from OSS, CopyImage and CancelCopyImage. Family limits are checked before
 * an image joins a family.
 */
final class EcsCapture {
  private final String region;
  private final EcsClient ecs;
  private final EcsInventory inventory;
  private final FamilyLimits familyLimits;
  private final EcsImports imports;

  EcsCapture(String region, EcsClient ecs, EcsInventory inventory, FamilyLimits familyLimits) {
    this.region = region;
    this.ecs = ecs;
    this.inventory = inventory;
    this.familyLimits = familyLimits;
    this.imports = new EcsImports(region, ecs);
  }

  /**
   * Captures an image from an instance ({@code i-…}) or a snapshot ({@code s-…}), optionally into a
   * family whose limits are checked first; returns it still pending.
   */
  Image createImage(CreateRequest request, @Nullable String family, Operation operation) {
    String source = request.source();
    CreateImageRequest req = new CreateImageRequest();
    if (AliyunDriver.INSTANCE_ID.matcher(source).matches()) {
      req.setInstanceId(source);
    } else if (AliyunDriver.SNAPSHOT_ID.matcher(source).matches()) {
      req.setSnapshotId(source);
    } else {
      throw new InvalidInputException(
          "'" + source + "' is neither an ECS instance id (i-…) nor a snapshot id (s-…)");
    }
    if (family != null) {
      FamilyLimits.checkName(family);
      familyLimits.checkRoomFor(family, inventory.familySizes());
      req.setImageFamily(family);
    }
    return create(req, request, operation);
  }

  /** Captures one image from several snapshots, each mapped to its device. */
  Image createImageFromSnapshots(
      Map<String, String> snapshotByDevice,
      CreateRequest request,
      @Nullable String family,
      Operation operation) {
    List<CreateImageRequest.DiskDeviceMapping> mappings = new ArrayList<>();
    for (Map.Entry<String, String> e : snapshotByDevice.entrySet()) {
      CreateImageRequest.DiskDeviceMapping m = new CreateImageRequest.DiskDeviceMapping();
      m.setDevice(e.getKey());
      m.setSnapshotId(AliyunDriver.checkSnapshotId(e.getValue()));
      mappings.add(m);
    }
    CreateImageRequest req = new CreateImageRequest();
    req.setDiskDeviceMappings(mappings);
    if (family != null) {
      FamilyLimits.checkName(family);
      familyLimits.checkRoomFor(family, inventory.familySizes());
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
    return inventory.describeImageIn(region, answer.getImageId());
  }

  Image copyImage(CopyRequest request, Operation operation) {
    AliyunDriver.checkImageId(request.sourceImageId());
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
    return inventory.describeImageIn(request.targetRegion(), answer.getImageId());
  }

  /**
   * Starts an ImportImage from OSS after checking the family limits; returns the image being made
   * and its task, without waiting.
   */
  EcsImports.Started startImport(OssImport request) {
    String family = request.family();
    if (family != null) {
      familyLimits.checkRoomFor(family, inventory.familySizes());
    }
    return imports.start(request);
  }

  /** How far an import has got: one DescribeImages and one DescribeTasks. */
  ImportState importState(EcsImports.Started started) {
    DescribeImagesResponse.Image raw = inventory.rawImage(region, started.imageId());
    DescribeTasksResponse.Task task = inventory.task(started.taskId());
    return new ImportState(
        started.imageId(),
        EcsMapping.text(raw.getStatus()),
        EcsMapping.percent(raw.getProgress()),
        started.taskId(),
        EcsMapping.text(task.getTaskStatus()));
  }

  /** Cancels a copy still in progress (CancelCopyImage, in the copy's region). */
  void cancelCopy(String targetRegion, String copyImageId) {
    AliyunDriver.checkImageId(copyImageId);
    CancelCopyImageRequest req = new CancelCopyImageRequest();
    req.setImageId(copyImageId);
    ecs.call(req, targetRegion, copyImageId);
  }
}
