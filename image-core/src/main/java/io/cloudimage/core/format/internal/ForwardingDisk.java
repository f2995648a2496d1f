package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A disk that forwards every call to another; subclasses override what they add (a read that
 * reports progress, a close that also releases a package file or a temporary copy).
 */
public abstract class ForwardingDisk implements VirtualDisk {
  /** The disk calls go to. */
  protected final VirtualDisk disk;

  /** Forwards to {@code disk}. */
  protected ForwardingDisk(VirtualDisk disk) {
    this.disk = disk;
  }

  @Override
  public DiskFormat format() {
    return disk.format();
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
    disk.close();
  }
}
