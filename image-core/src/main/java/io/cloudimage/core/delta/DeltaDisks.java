package io.cloudimage.core.delta;

import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.image.DiskImages;
import java.nio.file.Path;

/** Opens the disk images that deltas are made from and applied to. */
final class DeltaDisks {
  private DeltaDisks() {}

  /**
   * Opens {@code file} as a virtual disk, whatever its format (detected from its bytes), so that a
   * delta between a qcow2 and a VMDK of the same disk is a delta between their virtual disks.
   */
  static VirtualDisk open(Path file) {
    return DiskImages.open(file);
  }
}
