package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.util.List;

/** A FLAT extent: a run of a plain file from a sector offset. */
final class FlatExtent implements VirtualDisk {
  private final ImageFile file;
  private final long start;
  private final long length;

  FlatExtent(ImageFile file, long start, long length) {
    this.file = file;
    this.start = Math.min(start, file.size());
    this.length = Math.max(0, Math.min(length, file.size() - this.start));
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.VMDK;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    if (offset >= length) {
      return -1;
    }
    int saved = dst.limit();
    if (dst.remaining() > length - offset) {
      dst.limit(dst.position() + (int) (length - offset));
    }
    try {
      return file.readSome(start + offset, dst);
    } finally {
      dst.limit(saved);
    }
  }

  @Override
  public List<Extent> extents() {
    return length == 0 ? List.of() : List.of(new Extent(0, length));
  }

  @Override
  public void close() {
    file.close();
  }
}
