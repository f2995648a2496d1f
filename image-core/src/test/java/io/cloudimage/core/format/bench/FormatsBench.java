package io.cloudimage.core.format.bench;

import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.image.DiskImages;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times cloudimage on one image file and prints {@code seconds=S} (best of the runs):
 *
 * <ul>
 *   <li>{@code read FILE [RUNS]}: every allocated extent read in 1 MiB buffers, holes skipped, as
 *       {@code qemu-img convert -O raw} does;
 *   <li>{@code inspect FILE [RUNS]}: {@code DiskImages.inspect}, in the same JVM after a warm-up.
 * </ul>
 */
public final class FormatsBench {
  private FormatsBench() {}

  public static void main(String[] args) {
    Path file = Path.of(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    double[] times = new double[runs];
    long checksum = 0;
    runOnce(args[0], file); // warm-up
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      checksum += runOnce(args[0], file);
      times[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(times);
    System.out.println(String.format(Locale.ROOT, "seconds=%.4f", times[0]));
    System.err.println("checksum " + checksum);
  }

  private static long runOnce(String what, Path file) {
    return switch (what) {
      case "read" -> read(file);
      case "inspect" -> DiskImages.inspect(file).virtualSize();
      default -> throw new IllegalArgumentException("read or inspect, not " + what);
    };
  }

  private static long read(Path file) {
    long sum = 0;
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    try (VirtualDisk disk = DiskImages.open(file)) {
      for (Extent e : disk.extents()) {
        for (long pos = e.offset(); pos < e.end(); ) {
          buf.clear();
          buf.limit((int) Math.min(buf.capacity(), e.end() - pos));
          int n = disk.read(pos, buf);
          sum += buf.get(0);
          pos += n;
        }
      }
    }
    return sum;
  }
}
