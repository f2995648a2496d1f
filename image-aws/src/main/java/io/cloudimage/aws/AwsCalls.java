package io.cloudimage.aws;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.NotFoundException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What every part of the driver shares: the clients of one provider instance, its region, and the
 * one way to run an SDK call so that its failure lands in the cloudimage hierarchy.
 */
final class AwsCalls {
  final AwsClients clients;
  final AwsErrors errors;
  final String region;

  AwsCalls(AwsClients clients) {
    this.clients = clients;
    this.region = clients.region.id();
    this.errors = new AwsErrors(region, clients.endpointText(), () -> clients.credentialSource);
  }

  /** The EC2 client of the provider's region. */
  Ec2Client ec2() {
    return clients.ec2();
  }

  /** Runs one SDK call, mapping its failure onto the cloudimage hierarchy. */
  <T> T call(String action, @Nullable String resourceId, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw errors.map(e, action, resourceId);
    } catch (CloudImageException e) {
      throw e;
    }
  }

  /** An EC2 filter. */
  static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  /**
   * One image as EC2 describes it, deprecated and disabled ones included.
   *
   * @throws NotFoundException when there is none
   */
  software.amazon.awssdk.services.ec2.model.Image rawImage(Ec2Client ec2, String imageId) {
    DescribeImagesResponse r =
        call(
            "ec2:DescribeImages",
            imageId,
            () ->
                ec2.describeImages(
                    b -> b.imageIds(imageId).includeDeprecated(true).includeDisabled(true)));
    if (r.images().isEmpty()) {
      throw new NotFoundException(
          "AWS has no image " + imageId + " in " + region + "; list images to see the ids",
          imageId,
          null,
          null,
          null);
    }
    return r.images().get(0);
  }

  /**
   * One snapshot of the provider's region as EC2 describes it.
   *
   * @throws NotFoundException when there is none
   */
  software.amazon.awssdk.services.ec2.model.Snapshot rawSnapshot(String snapshotId) {
    return rawSnapshot(ec2(), region, snapshotId);
  }

  /** One snapshot of a region as EC2 describes it. */
  software.amazon.awssdk.services.ec2.model.Snapshot rawSnapshot(
      Ec2Client ec2, String inRegion, String snapshotId) {
    DescribeSnapshotsResponse r =
        call(
            "ec2:DescribeSnapshots",
            snapshotId,
            () -> ec2.describeSnapshots(b -> b.snapshotIds(snapshotId)));
    if (r.snapshots().isEmpty()) {
      throw new NotFoundException(
          "AWS has no snapshot " + snapshotId + " in " + inRegion, snapshotId, null, null, null);
    }
    return r.snapshots().get(0);
  }
}
