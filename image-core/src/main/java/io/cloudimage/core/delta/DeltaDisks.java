package io.cloudimage.core.delta;

import io.cloudimage.core.format.RawDisk;
import io.cloudimage.core.format.VirtualDisk;
import java.nio.file.Path;

/** Opens the disk images that deltas are made from and applied to. */
final class DeltaDisks {
  private DeltaDisks() {}

  /**
   * Opens {@code file} as a virtual disk.
   *
   * <p>The one place that chooses how: raw files only for now. When a reader for every format is
   * there ({@code DiskImages.open(Path)}), this line switches to it and every delta operation works
   * between the virtual disks of any formats.
   */
  static VirtualDisk open(Path file) {
    return RawDisk.open(file);
  }
}
