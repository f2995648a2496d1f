package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Copy an EBS snapshot to a region, optionally re-encrypted with a KMS key.
 *
 * <pre>{@code
 * Snapshot copy = driver.copySnapshot(
 *     SnapshotCopy.toRegion("snap-0123456789abcdef0", "eu-west-1", "base disk, EU")
 *         .withKmsKey("alias/images-eu"),
 *     operation);
 * }</pre>
 *
 * @param sourceSnapshotId the snapshot to copy, in the provider's region
 * @param targetRegion the region to copy to (the provider's own for a re-encrypting copy in place)
 * @param description the copy's description; may be empty
 * @param kmsKeyId the KMS key (id, ARN or {@code alias/…}) of the target region that encrypts the
 *     copy, or {@code null} to keep the source's encryption
 */
public record SnapshotCopy(
    String sourceSnapshotId, String targetRegion, String description, @Nullable String kmsKeyId) {

  /** Checks the ids. */
  public SnapshotCopy {
    AwsIds.snapshot(sourceSnapshotId);
    Objects.requireNonNull(description, "description");
    if (targetRegion.isBlank()) {
      throw new InvalidInputException("a snapshot copy needs a target region");
    }
    if (kmsKeyId != null && kmsKeyId.isBlank()) {
      kmsKeyId = null;
    }
  }

  /** A copy to a region, keeping the source's encryption. */
  public static SnapshotCopy toRegion(String sourceSnapshotId, String region, String description) {
    return new SnapshotCopy(sourceSnapshotId, region, description, null);
  }

  /** This copy encrypted with a KMS key of the target region. */
  public SnapshotCopy withKmsKey(@Nullable String key) {
    return new SnapshotCopy(sourceSnapshotId, targetRegion, description, key);
  }
}
