package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.AtomicOutput;
import io.cloudimage.core.format.internal.Chunks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;

/**
 * Writes a disk as a stream-optimized VMDK, the variant OVF packages carry: a header whose grain
 * directory is "at the end", an embedded descriptor, deflated grains each behind a grain marker, a
 * grain table after the grains it maps, then the grain directory, the footer and the end-of-stream
 * marker. Written front to back; only one grain table is in memory.
 */
public final class StreamVmdkWriter {
  private static final long GRAIN_SECTORS = 128;
  private static final int GRAIN = (int) GRAIN_SECTORS * 512;
  private static final int GT_ENTRIES = 512;
  private static final int DESCRIPTOR_SECTORS = 20;
  private static final int MARKER_GT = 1;
  private static final int MARKER_GD = 2;
  private static final int MARKER_FOOTER = 3;

  private StreamVmdkWriter() {}

  /**
   * Writes {@code disk} into {@code out}; {@code fileName} is the name the descriptor gives the
   * extent.
   */
  public static void write(VirtualDisk disk, AtomicOutput out, String fileName) {
    long capacity = (disk.size() + 511) / 512;
    long gdEntries = (capacity + GRAIN_SECTORS * GT_ENTRIES - 1) / (GRAIN_SECTORS * GT_ENTRIES);
    int[] gd = new int[(int) gdEntries];
    int[] gt = new int[GT_ENTRIES];
    long overhead = ((1 + DESCRIPTOR_SECTORS) + GRAIN_SECTORS - 1) / GRAIN_SECTORS * GRAIN_SECTORS;
    long[] state = {overhead * 512, -1}; // next write offset, current grain table number
    Deflater deflater = new Deflater(6);
    byte[] compressed = new byte[GRAIN + GRAIN / 8 + 1024];
    try {
      Chunks.forEachNonZero(
          disk,
          GRAIN,
          (grain, data) -> {
            long table = grain / GT_ENTRIES;
            if (table != state[1]) {
              flushTable(out, gd, gt, state);
              state[1] = table;
            }
            deflater.reset();
            deflater.setInput(data);
            deflater.finish();
            int n = 0;
            while (!deflater.finished()) {
              n += deflater.deflate(compressed, n, compressed.length - n);
            }
            ByteBuffer marker =
                ByteBuffer.allocate(sectors(12 + n) * 512).order(ByteOrder.LITTLE_ENDIAN);
            marker.putLong(grain * GRAIN_SECTORS).putInt(n).put(compressed, 0, n);
            marker.clear();
            gt[(int) (grain % GT_ENTRIES)] = (int) (state[0] / 512);
            out.write(state[0], marker);
            state[0] += marker.capacity();
          });
    } finally {
      deflater.end();
    }
    flushTable(out, gd, gt, state);
    int gdSectors = sectors(gd.length * 4);
    out.write(state[0], marker(gdSectors, MARKER_GD));
    long gdSector = state[0] / 512 + 1;
    ByteBuffer gdBytes = ByteBuffer.allocate(gdSectors * 512).order(ByteOrder.LITTLE_ENDIAN);
    for (int e : gd) {
      gdBytes.putInt(e);
    }
    gdBytes.clear();
    out.write(gdSector * 512, gdBytes);
    long pos = (gdSector + gdSectors) * 512;
    out.write(pos, marker(1, MARKER_FOOTER));
    out.write(pos + 512, header(capacity, overhead, gdSector, gdEntries));
    out.write(pos + 1024, ByteBuffer.allocate(512)); // end-of-stream marker
    out.write(0, header(capacity, overhead, -1, gdEntries));
    out.write(512, descriptor(capacity, fileName));
  }

  private static int sectors(long bytes) {
    return (int) ((bytes + 511) / 512);
  }

  private static void flushTable(AtomicOutput out, int[] gd, int[] gt, long[] state) {
    if (state[1] < 0) {
      return;
    }
    int gtSectors = sectors(GT_ENTRIES * 4);
    out.write(state[0], marker(gtSectors, MARKER_GT));
    ByteBuffer t = ByteBuffer.allocate(gtSectors * 512).order(ByteOrder.LITTLE_ENDIAN);
    for (int e : gt) {
      t.putInt(e);
    }
    t.clear();
    gd[(int) state[1]] = (int) (state[0] / 512 + 1);
    out.write(state[0] + 512, t);
    state[0] += 512 + (long) gtSectors * 512;
    java.util.Arrays.fill(gt, 0);
  }

  private static ByteBuffer marker(long value, int type) {
    ByteBuffer m = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    m.putLong(value).putInt(0).putInt(type);
    m.clear();
    return m;
  }

  private static ByteBuffer header(long capacity, long overhead, long gdSector, long gdEntries) {
    ByteBuffer h = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(SparseHeader.MAGIC);
    h.putInt(3);
    h.putInt(1 | SparseHeader.FLAG_COMPRESSED | SparseHeader.FLAG_MARKERS);
    h.putLong(capacity);
    h.putLong(GRAIN_SECTORS);
    h.putLong(1); // descriptor offset
    h.putLong(DESCRIPTOR_SECTORS);
    h.putInt(GT_ENTRIES);
    h.putLong(0); // no redundant grain directory
    h.putLong(gdSector);
    h.putLong(overhead);
    h.put((byte) 0); // cleanly closed
    h.put((byte) '\n').put((byte) ' ').put((byte) '\r').put((byte) '\n');
    h.putShort((short) 1); // deflate
    h.clear();
    return h;
  }

  private static ByteBuffer descriptor(long capacity, String fileName) {
    long cylinders = Math.min(16383, capacity / (16 * 63));
    String text =
        String.format(
            Locale.ROOT,
            "# Disk DescriptorFile\n"
                + "version=1\n"
                + "CID=%08x\n"
                + "parentCID=ffffffff\n"
                + "createType=\"streamOptimized\"\n\n"
                + "# Extent description\n"
                + "RW %d SPARSE \"%s\"\n\n"
                + "# The Disk Data Base\n"
                + "#DDB\n\n"
                + "ddb.virtualHWVersion = \"4\"\n"
                + "ddb.geometry.cylinders = \"%d\"\n"
                + "ddb.geometry.heads = \"16\"\n"
                + "ddb.geometry.sectors = \"63\"\n"
                + "ddb.adapterType = \"lsilogic\"\n",
            ThreadLocalRandom.current().nextInt() & 0x7fffffff,
            capacity,
            fileName.replace("\"", ""),
            cylinders);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(DESCRIPTOR_SECTORS * 512);
    b.put(bytes, 0, Math.min(bytes.length, b.capacity()));
    b.clear();
    return b;
  }
}
