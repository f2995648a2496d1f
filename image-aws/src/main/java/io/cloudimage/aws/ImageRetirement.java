package io.cloudimage.aws;

import static io.cloudimage.aws.AwsCalls.filter;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.spi.Operation;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.TargetStorageTier;

/**
 * Retiring images and snapshots: deprecation, disabling, deregistration protection, deregistration
 * with the backing snapshots, snapshot deletion, and the archive tier (ModifySnapshotTier,
 * RestoreSnapshotTier).
 */
final class ImageRetirement {
  private static final Logger LOG = LoggerFactory.getLogger(ImageRetirement.class);

  private final AwsCalls aws;

  ImageRetirement(AwsCalls aws) {
    this.aws = aws;
  }

  void deprecate(String imageId, Instant at) {
    String id = AwsIds.image(imageId);
    aws.call(
        "ec2:EnableImageDeprecation",
        id,
        () -> aws.ec2().enableImageDeprecation(r -> r.imageId(id).deprecateAt(at)));
  }

  void undeprecate(String imageId) {
    String id = AwsIds.image(imageId);
    aws.call(
        "ec2:DisableImageDeprecation",
        id,
        () -> aws.ec2().disableImageDeprecation(r -> r.imageId(id)));
  }

  void disable(String imageId) {
    String id = AwsIds.image(imageId);
    aws.call("ec2:DisableImage", id, () -> aws.ec2().disableImage(r -> r.imageId(id)));
  }

  void enable(String imageId) {
    String id = AwsIds.image(imageId);
    aws.call("ec2:EnableImage", id, () -> aws.ec2().enableImage(r -> r.imageId(id)));
  }

  void protect(String imageId) {
    String id = AwsIds.image(imageId);
    aws.call(
        "ec2:EnableImageDeregistrationProtection",
        id,
        () -> aws.ec2().enableImageDeregistrationProtection(r -> r.imageId(id)));
  }

  void unprotect(String imageId) {
    String id = AwsIds.image(imageId);
    aws.call(
        "ec2:DisableImageDeregistrationProtection",
        id,
        () -> aws.ec2().disableImageDeregistrationProtection(r -> r.imageId(id)));
  }

  /**
   * Deregisters an image, then (with {@link DeregisterOptions#DELETE_SNAPSHOTS}) deletes each
   * backing snapshot that no other image uses: EC2 refuses the others with {@code
   * InvalidSnapshot.InUse}, and they are kept.
   *
   * @throws ConflictException when deregistration protection is on, or an instance runs from it
   */
  void deregister(String imageId, DeregisterOptions options) {
    String id = AwsIds.image(imageId);
    software.amazon.awssdk.services.ec2.model.Image ami = aws.rawImage(aws.ec2(), id);
    String protection = ami.deregistrationProtection();
    if (protection != null && protection.startsWith("enabled")) {
      throw new ConflictException(
          "image " + id + " has deregistration protection on; turn it off first (unprotect)");
    }
    boolean running =
        !aws
            .call(
                "ec2:DescribeInstances",
                id,
                () ->
                    aws.clients
                        .ec2()
                        .describeInstances(
                            r ->
                                r.filters(
                                    filter("image-id", id),
                                    filter(
                                        "instance-state-name",
                                        "pending",
                                        "running",
                                        "stopping",
                                        "stopped"))))
            .reservations()
            .stream()
            .allMatch(r -> r.instances().isEmpty());
    if (running) {
      throw new ConflictException(
          "image " + id + " is in use by instances; stop using it before deregistering");
    }
    aws.call("ec2:DeregisterImage", id, () -> aws.ec2().deregisterImage(r -> r.imageId(id)));
    if (!options.deletesSnapshots()) {
      return;
    }
    for (String snapshot : AwsModel.snapshotIds(ami)) {
      try {
        deleteSnapshot(snapshot);
      } catch (ConflictException inUse) {
        // EC2 refuses to delete a snapshot another image still uses (InvalidSnapshot.InUse): that
        // refusal is the authoritative check, made atomically by the service.
        LOG.info("keeping snapshot {}: {}", snapshot, inUse.getMessage());
      } catch (NotFoundException gone) {
        LOG.debug("snapshot {} already gone", snapshot);
      }
    }
  }

  void deleteSnapshot(String snapshotId) {
    String id = AwsIds.snapshot(snapshotId);
    aws.call("ec2:DeleteSnapshot", id, () -> aws.ec2().deleteSnapshot(r -> r.snapshotId(id)));
  }

  // ---- tiers ----

  /**
   * Archives a snapshot (ModifySnapshotTier) or restores it permanently (RestoreSnapshotTier). EBS
   * snapshots have a standard tier ({@link StorageTier#HOT}) and an archive tier only.
   */
  void moveTier(String resourceId, StorageTier tier, Operation operation) {
    String id = snapshotForTier(resourceId);
    if (tier == StorageTier.ARCHIVE) {
      aws.call(
          "ec2:ModifySnapshotTier",
          id,
          () ->
              aws.clients
                  .ec2()
                  .modifySnapshotTier(
                      r -> r.snapshotId(id).storageTier(TargetStorageTier.ARCHIVE)));
    } else if (tier == StorageTier.HOT) {
      aws.call(
          "ec2:RestoreSnapshotTier",
          id,
          () -> aws.ec2().restoreSnapshotTier(r -> r.snapshotId(id).permanentRestore(true)));
    } else {
      throw new InvalidInputException(
          "EBS snapshots have the standard (hot) and archive tiers only, not " + tier.id());
    }
    operation.progress(new Progress(operation.name() + " " + id, 1, 1, tier.id()));
  }

  /** Restores an archived snapshot for {@code keepFor}, rounded up to whole days (1..180). */
  void restoreTier(String resourceId, Duration keepFor, Operation operation) {
    String id = snapshotForTier(resourceId);
    long days = Math.max(1, (keepFor.toHours() + 23) / 24);
    if (days > 180) {
      throw new InvalidInputException(
          "a temporary restore of an archived EBS snapshot lasts 1 to 180 days, not " + days);
    }
    int d = (int) days;
    aws.call(
        "ec2:RestoreSnapshotTier",
        id,
        () -> aws.ec2().restoreSnapshotTier(r -> r.snapshotId(id).temporaryRestoreDays(d)));
    operation.progress(new Progress(operation.name() + " " + id, 1, 1, "restoring"));
  }

  private static String snapshotForTier(String resourceId) {
    if (AwsIds.isImage(resourceId)) {
      throw new InvalidInputException(
          "AWS archives snapshots, not images: move the tier of "
              + resourceId
              + "'s snapshots after deregistering it");
    }
    return AwsIds.snapshot(resourceId);
  }
}
