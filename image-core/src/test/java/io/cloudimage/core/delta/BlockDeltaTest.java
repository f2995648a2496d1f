package io.cloudimage.core.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDeltaTest {
  private static final int BLOCK = 64 * 1024;
  private static final int MIB = 1024 * 1024;

  @TempDir Path dir;

  private final DeltaEngine engine = DeltaEngine.builder().blockSize(BLOCK).build();

  private DeltaInfo create(Path base, Path target, Path delta) {
    return engine.create(base, target, delta, ProgressListener.NONE, Cancellation.never());
  }

  private void apply(Path base, Path delta, Path out) {
    engine.apply(base, List.of(delta), out, ProgressListener.NONE, Cancellation.never());
  }

  @Test
  void storesOnlyTheChangedBlocksAndRebuildsTheTarget() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 8 * MIB, 1);
    Path target = Disks.copy(base, dir.resolve("v2.raw"));
    Disks.scribble(target, 3L * BLOCK + 100, 10, 2); // inside block 3
    Disks.scribble(target, 10L * BLOCK, BLOCK, 3); // all of block 10
    Disks.write(target, 100L * BLOCK, new byte[BLOCK]); // block 100 becomes zeros

    Path delta = dir.resolve("v1-v2.cidelta");
    DeltaInfo info = create(base, target, delta);

    assertThat(info.records()).isEqualTo(3);
    assertThat(info.changedBytes()).isEqualTo(3L * BLOCK);
    // The 10-byte change compresses to almost nothing, the random block not at all.
    assertThat(info.deltaSize()).isLessThan((long) (1.05 * BLOCK) + 1024);
    assertThat(DeltaFile.open(delta).changedBlocks())
        .containsExactly(
            new ChangedBlock(3, 3L * BLOCK, BLOCK, false),
            new ChangedBlock(10, 10L * BLOCK, BLOCK, false),
            new ChangedBlock(100, 100L * BLOCK, BLOCK, true));

    Path out = dir.resolve("rebuilt.raw");
    apply(base, delta, out);
    assertThat(Files.mismatch(out, target)).isEqualTo(-1);
    assertThat(Disks.leftovers(dir)).isZero();
  }

  @Test
  void identicalDisksGiveAnEmptyDelta() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 2 * MIB, 1);
    Path same = Disks.copy(base, dir.resolve("v1-copy.raw"));
    DeltaInfo info = create(base, same, dir.resolve("none.cidelta"));
    assertThat(info.records()).isZero();
    assertThat(info.changedBytes()).isZero();
    assertThat(info.baseDigest()).isEqualTo(info.targetDigest());
    assertThat(DeltaFile.open(dir.resolve("none.cidelta")).changedBlocks()).isEmpty();
  }

  @Test
  void rebuildsTargetsThatGrewOrShrankByPartsOfABlock() throws Exception {
    Path base = Disks.random(dir.resolve("base.raw"), 3 * MIB + 1234, 1);
    Path grown = Disks.random(dir.resolve("grown.raw"), 5 * MIB + 77, 1); // same first bytes
    Path shrunk = Disks.random(dir.resolve("shrunk.raw"), MIB + 5, 1);
    for (Path target : List.of(grown, shrunk)) {
      Path delta = dir.resolve(target.getFileName() + ".cidelta");
      DeltaInfo info = create(base, target, delta);
      assertThat(info.targetSize()).isEqualTo(Files.size(target));
      Path out = dir.resolve(target.getFileName() + ".out");
      apply(base, delta, out);
      assertThat(Files.mismatch(out, target)).as(target.toString()).isEqualTo(-1);
    }
  }

  @Test
  void infoReadsBackWhatCreateWrote() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 2 * MIB, 1);
    Path target = Disks.copy(base, dir.resolve("v2.raw"));
    Disks.scribble(target, 5000, 1, 9);
    DeltaInfo made = create(base, target, dir.resolve("d.cidelta"));
    DeltaInfo read = DeltaFile.open(dir.resolve("d.cidelta")).info();
    assertThat(read).isEqualTo(made);
    assertThat(read.mode()).isEqualTo(DeltaMode.BLOCK);
    assertThat(read.blockSize()).isEqualTo(BLOCK);
    assertThat(read.deltaSize()).isEqualTo(Files.size(dir.resolve("d.cidelta")));
    assertThat(read.baseDigest()).hasSize(64).isNotEqualTo(read.targetDigest());
  }

  @Test
  void reportsProgressUpToTheWholeTarget() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 2 * MIB, 1);
    Path target = Disks.random(dir.resolve("v2.raw"), 2 * MIB, 2);
    List<Progress> seen = new CopyOnWriteArrayList<>();
    engine.create(base, target, dir.resolve("d.cidelta"), seen::add, Cancellation.never());
    assertThat(seen).isNotEmpty();
    Progress last = seen.get(seen.size() - 1);
    assertThat(last.done()).isEqualTo(last.total()).isEqualTo(2L * MIB);
  }

  @Test
  void cancelledCreationLeavesNoDelta() throws Exception {
    Path base = Disks.random(dir.resolve("v1.raw"), 2 * MIB, 1);
    Path target = Disks.random(dir.resolve("v2.raw"), 2 * MIB, 2);
    Cancellation cancel = Cancellation.create();
    cancel.cancel();
    assertThatThrownBy(
            () ->
                engine.create(
                    base, target, dir.resolve("d.cidelta"), ProgressListener.NONE, cancel))
        .isInstanceOf(CancelledException.class);
    assertThat(dir.resolve("d.cidelta")).doesNotExist();
    assertThat(Disks.leftovers(dir)).isZero();
  }

  @Test
  void refusesBlockSizesOutsideFourKibToFourMib() {
    assertThatThrownBy(() -> DeltaEngine.builder().blockSize(2048))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("4 KiB to 4 MiB");
    assertThatThrownBy(() -> DeltaEngine.builder().blockSize(8 * MIB))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeltaEngine.builder().blockSize(100_000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("power of two");
  }
}
