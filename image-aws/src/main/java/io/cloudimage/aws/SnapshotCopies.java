package io.cloudimage.aws;

import static io.cloudimage.aws.AwsCalls.filter;

import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.spi.Operation;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * CopySnapshot across regions, re-encrypted with a KMS key when the request names one.
 *
 * <p>CopySnapshot has no {@code ClientToken} parameter, so the request's {@link ClientTokens token}
 * travels as the copy's {@value AwsModel#TOKEN_TAG} tag (set atomically through the call's tag
 * specification): a resumed run first asks the target region for a snapshot carrying that token and
 * answers with it instead of copying twice.
 */
final class SnapshotCopies {
  private final AwsCalls aws;

  SnapshotCopies(AwsCalls aws) {
    this.aws = aws;
  }

  Snapshot copy(SnapshotCopy request, Operation operation) {
    String source = AwsIds.snapshot(request.sourceSnapshotId());
    String targetRegion = request.targetRegion();
    String kms = request.kmsKeyId();
    String token =
        ClientTokens.of(
            "CopySnapshot", source, aws.region, targetRegion, request.description(), kms);
    Ec2Client target = aws.clients.ec2(targetRegion);
    Optional<String> earlier = madeBy(target, token);
    String copyId;
    if (earlier.isPresent()) {
      copyId = earlier.get();
    } else {
      operation.throwIfCancelled();
      Tag tokenTag = Tag.builder().key(AwsModel.TOKEN_TAG).value(token).build();
      copyId =
          aws.call(
                  "ec2:CopySnapshot",
                  source,
                  () ->
                      target.copySnapshot(
                          r -> {
                            // The SDK presigns the source-region request the copy needs; naming
                            // the destination lets it do so behind an endpoint override too.
                            r.sourceSnapshotId(source)
                                .sourceRegion(aws.region)
                                .destinationRegion(targetRegion)
                                .description(request.description())
                                .tagSpecifications(
                                    TagSpecification.builder()
                                        .resourceType(ResourceType.SNAPSHOT)
                                        .tags(List.of(tokenTag))
                                        .build());
                            if (kms != null) {
                              // Encrypted must be set for KmsKeyId to be taken; an encrypted
                              // source is re-encrypted under the new key.
                              r.encrypted(true).kmsKeyId(kms);
                            }
                          }))
              .snapshotId();
    }
    operation.progress(new Progress(operation.name() + " " + source, 1, 1, copyId));
    return AwsModel.snapshot(aws.rawSnapshot(target, targetRegion, copyId), targetRegion);
  }

  /** The snapshot of the target region a copy with this token made, unless it failed. */
  private Optional<String> madeBy(Ec2Client target, String token) {
    return aws
        .call(
            "ec2:DescribeSnapshots",
            null,
            () ->
                target.describeSnapshots(
                    r -> r.ownerIds("self").filters(filter("tag:" + AwsModel.TOKEN_TAG, token))))
        .snapshots()
        .stream()
        .filter(s -> !"error".equals(s.stateAsString()))
        .map(software.amazon.awssdk.services.ec2.model.Snapshot::snapshotId)
        .findFirst();
  }
}
