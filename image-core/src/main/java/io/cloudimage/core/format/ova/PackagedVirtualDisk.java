package io.cloudimage.core.format.ova;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ForwardingDisk;
import io.cloudimage.core.format.internal.ImageFile;

/** A disk inside an OVA: reads go to the member's disk; closing closes the package file too. */
final class PackagedVirtualDisk extends ForwardingDisk {
  private final ImageFile packageFile;

  PackagedVirtualDisk(VirtualDisk disk, ImageFile packageFile) {
    super(disk);
    this.packageFile = packageFile;
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.OVA;
  }

  @Override
  public void close() {
    try {
      disk.close();
    } finally {
      packageFile.close();
    }
  }
}
