package io.cloudimage.core.format.qcow2;

import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.AtomicOutput;
import io.cloudimage.core.format.internal.Chunks;
import java.nio.ByteBuffer;

/**
 * Writes a disk as a qcow2 version 3 image without backing file, 64 KiB clusters. Everything is
 * appended in one pass: the header cluster, then data clusters with each L2 table after the data it
 * maps, then the L1 table, then the refcount blocks and table. Every cluster is used exactly once,
 * so the refcounts are all 1 over one contiguous range. Only one L2 table is in memory.
 */
public final class Qcow2Writer {
  private static final int CLUSTER_BITS = 16;
  private static final int CLUSTER = 1 << CLUSTER_BITS;
  private static final int L2_ENTRIES = CLUSTER / 8;
  private static final long COPIED = 1L << 63;
  private static final int REFCOUNTS_PER_BLOCK = CLUSTER / 2;

  private Qcow2Writer() {}

  /** Writes {@code disk} into {@code out}. */
  public static void write(VirtualDisk disk, AtomicOutput out) {
    long size = disk.size();
    long clusters = (size + CLUSTER - 1) / CLUSTER;
    long l1Size = (clusters + L2_ENTRIES - 1) / L2_ENTRIES;
    if (l1Size * 8 > Qcow2Header.MAX_L1_BYTES) {
      throw new IllegalArgumentException("disk of " + size + " bytes is too big for qcow2");
    }
    long[] l1 = new long[(int) l1Size];
    long[] l2 = new long[L2_ENTRIES];
    long[] state = {CLUSTER, -1}; // next free offset, L1 index of the table in l2
    Chunks.forEachNonZero(
        disk,
        CLUSTER,
        (i, data) -> {
          int l1Index = (int) (i / L2_ENTRIES);
          if (l1Index != state[1]) {
            flushL2(out, l1, l2, state);
            state[1] = l1Index;
          }
          out.write(state[0], ByteBuffer.wrap(data));
          l2[(int) (i % L2_ENTRIES)] = state[0] | COPIED;
          state[0] += CLUSTER;
        });
    flushL2(out, l1, l2, state);
    long l1Offset = state[0];
    long l1Clusters = Math.max(1, (l1Size * 8 + CLUSTER - 1) / CLUSTER);
    ByteBuffer l1Bytes = ByteBuffer.allocate((int) (l1Clusters * CLUSTER));
    for (long e : l1) {
      l1Bytes.putLong(e);
    }
    l1Bytes.clear();
    out.write(l1Offset, l1Bytes);
    long used = l1Offset / CLUSTER + l1Clusters;
    // The refcount structures count themselves: grow them until they cover everything.
    long blocks = 0;
    long tableClusters = 0;
    while (true) {
      long total = used + blocks + tableClusters;
      long needBlocks = (total + REFCOUNTS_PER_BLOCK - 1) / REFCOUNTS_PER_BLOCK;
      long needTable = Math.max(1, (needBlocks * 8 + CLUSTER - 1) / CLUSTER);
      if (needBlocks == blocks && needTable == tableClusters) {
        break;
      }
      blocks = needBlocks;
      tableClusters = needTable;
    }
    long total = used + blocks + tableClusters;
    long tableOffset = used * CLUSTER;
    long firstBlock = tableOffset + tableClusters * CLUSTER;
    ByteBuffer table = ByteBuffer.allocate((int) (tableClusters * CLUSTER));
    for (long b = 0; b < blocks; b++) {
      table.putLong(firstBlock + b * CLUSTER);
    }
    table.clear();
    out.write(tableOffset, table);
    ByteBuffer block = ByteBuffer.allocate(CLUSTER);
    for (long b = 0; b < blocks; b++) {
      block.clear();
      for (int j = 0; j < REFCOUNTS_PER_BLOCK; j++) {
        block.putShort((short) (b * REFCOUNTS_PER_BLOCK + j < total ? 1 : 0));
      }
      block.clear();
      out.write(firstBlock + b * CLUSTER, block);
    }
    out.write(0, header(size, l1Size, l1Offset, tableOffset, tableClusters));
  }

  private static void flushL2(AtomicOutput out, long[] l1, long[] l2, long[] state) {
    if (state[1] < 0) {
      return;
    }
    ByteBuffer b = ByteBuffer.allocate(CLUSTER);
    for (long e : l2) {
      b.putLong(e);
    }
    b.clear();
    out.write(state[0], b);
    l1[(int) state[1]] = state[0] | COPIED;
    state[0] += CLUSTER;
    java.util.Arrays.fill(l2, 0);
  }

  private static ByteBuffer header(
      long size, long l1Size, long l1Offset, long tableOffset, long tableClusters) {
    ByteBuffer h = ByteBuffer.allocate(CLUSTER);
    h.putInt(Qcow2Header.MAGIC);
    h.putInt(3);
    h.putLong(0); // backing file offset
    h.putInt(0); // backing file size
    h.putInt(CLUSTER_BITS);
    h.putLong(size);
    h.putInt(0); // no encryption
    h.putInt((int) l1Size);
    h.putLong(l1Offset);
    h.putLong(tableOffset);
    h.putInt((int) tableClusters);
    h.putInt(0); // snapshots
    h.putLong(0);
    h.putLong(0); // incompatible features
    h.putLong(0); // compatible features
    h.putLong(0); // autoclear features
    h.putInt(4); // refcount_order: 16-bit refcounts
    h.putInt(104); // header length; the extension area after it starts with the end marker
    h.clear();
    return h;
  }
}
