package io.cloudimage.core.format.image;

import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ForwardingDisk;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.ByteBuffer;

/**
 * A disk whose reads report progress (over the allocated bytes) and stop when cancelled, so a
 * writer reading it needs neither.
 */
final class ObservedDisk extends ForwardingDisk {
  private static final long STEP = 8L << 20;
  private final String operation;
  private final ProgressListener listener;
  private final Cancellation cancel;
  private final long total;
  private long done;
  private long reported = -STEP;

  ObservedDisk(VirtualDisk disk, String operation, ProgressListener listener, Cancellation cancel) {
    super(disk);
    this.operation = operation;
    this.listener = listener;
    this.cancel = cancel;
    long sum = 0;
    for (Extent e : disk.extents()) {
      sum += e.length();
    }
    this.total = sum;
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    cancel.throwIfCancelled(operation);
    int n = disk.read(offset, dst);
    if (n > 0) {
      done = Math.min(total, done + n);
      if (done - reported >= STEP) {
        reported = done;
        listener.onProgress(new Progress(operation, done, total, ""));
      }
    }
    return n;
  }

  /** Reports the end. */
  void finished() {
    listener.onProgress(new Progress(operation, total, total, "done"));
  }
}
