package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.DiskFormat;
import java.nio.ByteBuffer;

/** Detects the format of a file or of an archive member read in place. */
public final class Detector {
  private Detector() {}

  /** The format of the window's bytes. */
  public static DiskFormat detect(ImageFile f) {
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(f.size(), 1024));
    int n = f.readSome(0, head);
    ByteBuffer tail = ByteBuffer.allocate(8);
    int t = f.size() >= 512 ? f.readSome(f.size() - 512, tail) : 0;
    return DiskFormat.detect(head.array(), n, tail.array(), t, f.size());
  }
}
