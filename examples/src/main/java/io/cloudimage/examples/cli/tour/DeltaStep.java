package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.delta.DeltaEngine;
import io.cloudimage.core.delta.DeltaInfo;
import io.cloudimage.core.delta.DeltaMode;
import io.cloudimage.core.progress.Cancellation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes two new versions of a sample disk (an update that rewrites a few regions, then one that
 * inserts data at an unaligned offset), a block delta and a CDC delta between them, applies both as
 * a chain with verification, and prints the bytes each delta saves.
 */
final class DeltaStep implements TourStep {
  private static final int MIB = 1024 * 1024;

  @Override
  public String title() {
    return "make deltas between versions of a disk, apply them as a chain and count the bytes saved";
  }

  @Override
  public void run(TourContext tour) throws IOException {
    Path dir = Files.createDirectories(tour.workdir().resolve("deltas"));
    Path v1 = SampleDisk.write(dir, "web-v1.raw", 16, 41);
    Path v2 = Files.copy(v1, dir.resolve("web-v2.raw"));
    Random random = new Random(42);
    try (RandomAccessFile f = new RandomAccessFile(v2.toFile(), "rw")) {
      for (long at : new long[] {MIB, 7L * MIB + 4096, 12L * MIB}) {
        byte[] update = new byte[64 * 1024];
        random.nextBytes(update);
        f.seek(at);
        f.write(update);
      }
    }
    Path v3 = insert(v2, dir.resolve("web-v3.raw"), 5 * MIB + 333, 100 * 1024, random);

    DeltaEngine block = DeltaEngine.builder().build();
    DeltaEngine cdc = DeltaEngine.builder().mode(DeltaMode.CDC).build();
    Path d12 = dir.resolve("web-v1-v2.cidelta");
    Path d23 = dir.resolve("web-v2-v3.cidelta");
    Path d23block = dir.resolve("web-v2-v3.block.cidelta");
    DeltaInfo first = block.create(v1, v2, d12, tour.progress(), Cancellation.never());
    print(tour, "v1 -> v2, three 64 KiB regions rewritten, block mode", first);
    DeltaInfo second = cdc.create(v2, v3, d23, tour.progress(), Cancellation.never());
    print(tour, "v2 -> v3, 100 KiB inserted at an unaligned offset, cdc mode", second);
    DeltaInfo blocks = block.create(v2, v3, d23block, tour.progress(), Cancellation.never());
    print(tour, "the same in block mode, which sees every byte after the insert move", blocks);

    Path rebuilt = dir.resolve("web-v3-rebuilt.raw");
    block.apply(v1, List.of(d12, d23), rebuilt, tour.progress(), Cancellation.never());
    tour.out()
        .println(
            "applied v1 + both deltas: "
                + rebuilt.getFileName()
                + " verified, sha256 "
                + second.targetDigest().substring(0, 16)
                + "…, "
                + (Files.mismatch(rebuilt, v3) == -1 ? "identical to v3" : "DIFFERENT from v3"));
  }

  private static void print(TourContext tour, String what, DeltaInfo info) {
    tour.out()
        .println(
            String.format(
                Locale.ROOT,
                "%s: delta %s for a %s disk, %.1f%% of the bytes saved",
                what,
                tour.listing().size(info.deltaSize()),
                tour.listing().size(info.targetSize()),
                100.0 - 100.0 * info.deltaSize() / info.targetSize()));
  }

  private static Path insert(Path from, Path to, int offset, int length, Random random)
      throws IOException {
    byte[] extra = new byte[length];
    random.nextBytes(extra);
    try (var in = Files.newInputStream(from);
        var out = Files.newOutputStream(to)) {
      out.write(in.readNBytes(offset));
      out.write(extra);
      in.transferTo(out);
    }
    return to;
  }
}
