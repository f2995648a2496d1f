package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import java.nio.ByteBuffer;
import java.util.List;

/** A raw disk whose bytes are a window of a file, such as a raw member of an OVA. */
public final class WindowDisk implements VirtualDisk {
  private final ImageFile file;

  /** The disk over {@code file}; closing the disk closes the window. */
  public WindowDisk(ImageFile file) {
    this.file = file;
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.RAW;
  }

  @Override
  public long size() {
    return file.size();
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    if (offset >= file.size()) {
      return -1;
    }
    return file.readSome(offset, dst);
  }

  @Override
  public List<Extent> extents() {
    return file.size() == 0 ? List.of() : List.of(new Extent(0, file.size()));
  }

  @Override
  public void close() {
    file.close();
  }
}
