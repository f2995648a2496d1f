package io.cloudimage.core.model.guest;

import org.jspecify.annotations.Nullable;

/**
 * One block device an image maps at launch, as recorded at capture.
 *
 * @param deviceName the device name, such as {@code /dev/xvda} or {@code /dev/nvme0n1}
 * @param volumeSizeBytes the volume size
 * @param volumeType the provider's volume type, such as {@code gp3} or {@code cloud_essd}
 * @param snapshotId the backing snapshot, or {@code null} for an empty volume
 * @param encrypted whether the volume is encrypted
 * @param kmsKeyId the encryption key, or {@code null}
 * @param iops provisioned IOPS, or {@code 0} when not provisioned
 * @param throughputMbps provisioned throughput in MiB/s, or {@code 0}
 * @param nvmeSerial the NVMe serial the guest sees, or {@code null}
 * @param raidMember the RAID array this volume belongs to (such as {@code md0}), or {@code null}
 */
public record DeviceBinding(
    String deviceName,
    long volumeSizeBytes,
    @Nullable String volumeType,
    @Nullable String snapshotId,
    boolean encrypted,
    @Nullable String kmsKeyId,
    long iops,
    long throughputMbps,
    @Nullable String nvmeSerial,
    @Nullable String raidMember) {
  public DeviceBinding {
    Checks.nonBlank(deviceName, "DeviceBinding.deviceName");
    Checks.nonNegative(volumeSizeBytes, "DeviceBinding.volumeSizeBytes");
    Checks.nonNegative(iops, "DeviceBinding.iops");
    Checks.nonNegative(throughputMbps, "DeviceBinding.throughputMbps");
    if (kmsKeyId != null && !encrypted) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "DeviceBinding.kmsKeyId is set for " + deviceName + " but encrypted is false");
    }
  }

  /** A plain, unencrypted volume from a snapshot. */
  public static DeviceBinding of(
      String deviceName, long volumeSizeBytes, @Nullable String snapshotId) {
    return new DeviceBinding(
        deviceName, volumeSizeBytes, null, snapshotId, false, null, 0, 0, null, null);
  }
}
