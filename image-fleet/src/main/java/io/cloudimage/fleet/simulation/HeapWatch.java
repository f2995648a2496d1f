package io.cloudimage.fleet.simulation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The peak heap of this JVM: the most ever in use between collections (sampled), and the most left
 * after a collection (the live set, as the collectors report it).
 */
public final class HeapWatch implements AutoCloseable {
  private final Thread sampler;
  private volatile long peakUsed;
  private volatile long peakLive;
  private volatile boolean running = true;

  private HeapWatch() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    sampler =
        new Thread(
            () -> {
              while (running) {
                long used = memory.getHeapMemoryUsage().getUsed();
                if (used > peakUsed) {
                  peakUsed = used;
                }
                long live = afterCollection();
                if (live > peakLive) {
                  peakLive = live;
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling. */
  public static HeapWatch start() {
    return new HeapWatch();
  }

  /** The most heap in use seen, in bytes. */
  public long peakUsed() {
    return peakUsed;
  }

  /** The most heap left after a collection (the largest live set seen), in bytes. */
  public long peakLive() {
    return peakLive;
  }

  /** The heap left after the latest collection, summed over the heap pools, in bytes. */
  private static long afterCollection() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && after != null) {
        total += after.getUsed();
      }
    }
    return total;
  }

  /** The heap limit ({@code -Xmx}), in bytes. */
  public static long max() {
    return Runtime.getRuntime().maxMemory();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
