package io.cloudimage.core.format.ova;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.util.List;

/** A disk inside an OVA: reads go to the member's disk; closing closes the package file too. */
final class PackagedVirtualDisk implements VirtualDisk {
  private final VirtualDisk disk;
  private final ImageFile packageFile;

  PackagedVirtualDisk(VirtualDisk disk, ImageFile packageFile) {
    this.disk = disk;
    this.packageFile = packageFile;
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.OVA;
  }

  @Override
  public long size() {
    return disk.size();
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    return disk.read(offset, dst);
  }

  @Override
  public List<Extent> extents() {
    return disk.extents();
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
