package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.CancelCopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageResponse;
import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.CreateImageResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeTasksResponse;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.spi.Operation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ECS operations that make images: CreateImage (from an instance, a snapshot or several
 * snapshots), ImportImage from OSS, CopyImage and CancelCopyImage. Family limits are checked before
 * an image joins a family.
 */
final class EcsCapture {
  /** The tag holding a copy's idempotency token. */
  static final String COPY_TOKEN_TAG = "cloudimage:copy-token";

  /** Every state of an image that is or will be usable: a failed copy is copied again. */
  private static final String LIVE_STATUSES = "Creating,Waiting,Available,Deprecated";

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

  /**
   * Copies an image to a region (CopyImage), idempotently: ECS's CopyImage takes no {@code
   * ClientToken}, so the request's {@linkplain CopyRequest#clientToken() token} (or one derived
   * from the request) goes in the copy's {@value #COPY_TOKEN_TAG} tag in the same call, and a
   * repeated request first looks in the target region for an image of this account carrying it and
   * answers with that copy.
   */
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
    String token = copyToken(request);
    Optional<String> earlier = copiedWith(request.targetRegion(), token);
    if (earlier.isPresent()) {
      operation.progress(
          new Progress(operation.name(), 0, 100, "copied before as " + earlier.get()));
      return inventory.describeImageIn(request.targetRegion(), earlier.get());
    }
    CopyImageRequest req = new CopyImageRequest();
    req.setImageId(request.sourceImageId());
    req.setDestinationRegionId(request.targetRegion());
    req.setDestinationImageName(request.name());
    CopyImageRequest.Tag tag = new CopyImageRequest.Tag();
    tag.setKey(COPY_TOKEN_TAG);
    tag.setValue(token);
    req.setTags(List.of(tag));
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

  /** The request's token, or a SHA-256 of the operation and every field of the request. */
  static String copyToken(CopyRequest request) {
    String given = request.clientToken();
    if (given != null) {
      return given;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String f :
          new String[] {
            "CopyImage",
            request.sourceImageId(),
            request.targetRegion(),
            request.name(),
            String.valueOf(request.kmsKeyId())
          }) {
        sha.update(f.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "cloudimage-" + HexFormat.of().formatHex(sha.digest()).substring(0, 48);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The copy of this account in the target region carrying the token, unless it failed. */
  private Optional<String> copiedWith(String targetRegion, String token) {
    DescribeImagesRequest req = new DescribeImagesRequest();
    req.setImageOwnerAlias("self");
    req.setStatus(LIVE_STATUSES);
    req.setShowExpired(true);
    DescribeImagesRequest.Tag tag = new DescribeImagesRequest.Tag();
    tag.setKey(COPY_TOKEN_TAG);
    tag.setValue(token);
    req.setTags(List.of(tag));
    DescribeImagesResponse answer = ecs.call(req, targetRegion, null);
    for (DescribeImagesResponse.Image e : EcsMapping.list(answer.getImages())) {
      List<DescribeImagesResponse.Image.Tag> tags = EcsMapping.list(e.getTags());
      // Only an exact match: the tag filter is the service's, the check is ours.
      if (tags.stream()
          .anyMatch(t -> COPY_TOKEN_TAG.equals(t.getTagKey()) && token.equals(t.getTagValue()))) {
        return Optional.of(e.getImageId());
      }
    }
    return Optional.empty();
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
