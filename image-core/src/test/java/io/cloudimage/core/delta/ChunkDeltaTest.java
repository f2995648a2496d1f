package io.cloudimage.core.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkDeltaTest {
  private static final int MIB = 1024 * 1024;

  @TempDir Path dir;

  private final DeltaEngine cdc = DeltaEngine.builder().mode(DeltaMode.CDC).build();

  private DeltaInfo roundTrip(DeltaEngine engine, Path base, Path target) throws Exception {
    Path delta = dir.resolve(target.getFileName() + "." + engine.mode().id() + ".cidelta");
    DeltaInfo info =
        engine.create(base, target, delta, ProgressListener.NONE, Cancellation.never());
    Path out = dir.resolve(target.getFileName() + "." + engine.mode().id() + ".out");
    engine.apply(base, List.of(delta), out, ProgressListener.NONE, Cancellation.never());
    assertThat(Files.mismatch(out, target)).isEqualTo(-1);
    return info;
  }

  @Test
  void findsDataShiftedByAnUnalignedInsert() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 8 * MIB, 1);
    Path target = Disks.insert(base, dir.resolve("v2.raw"), 1_234_567, MIB, 2);

    DeltaInfo chunked = roundTrip(cdc, base, target);
    DeltaInfo blocks = roundTrip(DeltaEngine.builder().build(), base, target);

    // The inserted MiB plus the chunks cut by its two edges (at most 4 x 256 KiB).
    assertThat(chunked.changedBytes()).isBetween((long) MIB, MIB + 4L * 256 * 1024);
    assertThat(chunked.deltaSize()).isLessThan(2L * MIB);
    // Fixed blocks see everything after the insert as changed.
    assertThat(blocks.changedBytes()).isGreaterThan(6L * MIB);
  }

  @Test
  void findsDataShiftedByADelete() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 6 * MIB, 1);
    byte[] b = Files.readAllBytes(base);
    byte[] t = new byte[b.length - 77_777];
    System.arraycopy(b, 0, t, 0, 2_000_001);
    System.arraycopy(b, 2_000_001 + 77_777, t, 2_000_001, t.length - 2_000_001);
    Path target = Files.write(dir.resolve("v2.raw"), t);

    DeltaInfo info = roundTrip(cdc, base, target);
    assertThat(info.changedBytes()).isLessThan(3L * 256 * 1024);
  }

  @Test
  void storesZeroedRegionsAsHolesAndMovedDataAsReferences() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 4 * MIB, 1);
    byte[] b = Files.readAllBytes(base);
    byte[] t = new byte[b.length];
    // The second half of the base comes first, then zeros.
    System.arraycopy(b, 2 * MIB, t, 0, 2 * MIB);
    Path target = Files.write(dir.resolve("v2.raw"), t);

    DeltaInfo info = roundTrip(cdc, base, target);
    // The zeros cost a record or two, the moved half only the chunk cut at its start.
    assertThat(info.deltaSize()).isLessThan(300 * 1024);
  }

  @Test
  void aCdcDeltaHasNoBlockList() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), MIB, 1);
    Path target = Disks.random(dir.resolve("v2.raw"), MIB, 2);
    DeltaInfo info = roundTrip(cdc, base, target);
    assertThat(info.mode()).isEqualTo(DeltaMode.CDC);
    assertThat(info.blockSize()).isEqualTo(DeltaEngine.DEFAULT_CHUNK_SIZE);
    assertThatThrownBy(() -> DeltaFile.open(dir.resolve("v2.raw.cdc.cidelta")).changedBlocks())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--mode block");
  }

  @Test
  void chunkBoundariesDependOnContentNotOffset() {
    GearChunker chunker = new GearChunker(1024, 4096, 16_384);
    byte[] data = new byte[200_000];
    new java.util.SplittableRandom(5).nextBytes(data);
    // Cut the same bytes seen from two starting offsets 100 bytes apart.
    java.util.Set<Integer> fromZero = cuts(chunker, data, 0);
    java.util.Set<Integer> fromHundred = cuts(chunker, data, 100);
    fromZero.retainAll(fromHundred);
    assertThat(fromZero).hasSizeGreaterThan(30); // they fall back in step
  }

  private static java.util.Set<Integer> cuts(GearChunker chunker, byte[] data, int start) {
    java.util.Set<Integer> cuts = new java.util.HashSet<>();
    int at = start;
    while (at < data.length) {
      at += chunker.cut(data, at, data.length - at);
      cuts.add(at);
    }
    return cuts;
  }
}
