package io.cloudimage.core.model.guest;

import io.cloudimage.core.error.InvalidInputException;

/**
 * One filesystem inside an image.
 *
 * @param type the type as {@code blkid} names it: {@code ext4}, {@code xfs}, {@code vxfs}, {@code
 *     btrfs}, {@code ntfs}, {@code vfat}…
 * @param uuid the filesystem UUID (must be regenerated when an image is cloned), or empty
 * @param label the label, or empty
 * @param mountPoint where it is mounted, such as {@code /} or {@code /boot/efi}, or empty
 * @param sizeBytes the filesystem size
 * @param usedBytes the bytes in use, at most {@code sizeBytes}
 */
public record FilesystemInfo(
    String type, String uuid, String label, String mountPoint, long sizeBytes, long usedBytes) {
  public FilesystemInfo {
    Checks.nonBlank(type, "FilesystemInfo.type");
    Checks.required(uuid, "FilesystemInfo.uuid");
    Checks.required(label, "FilesystemInfo.label");
    Checks.required(mountPoint, "FilesystemInfo.mountPoint");
    Checks.nonNegative(sizeBytes, "FilesystemInfo.sizeBytes");
    Checks.nonNegative(usedBytes, "FilesystemInfo.usedBytes");
    if (usedBytes > sizeBytes) {
      throw new InvalidInputException(
          "FilesystemInfo.usedBytes must be <= sizeBytes, was " + usedBytes + " > " + sizeBytes);
    }
  }
}
