package io.cloudimage.core.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApplyVerificationTest {
  private static final int MIB = 1024 * 1024;

  @TempDir Path dir;
  Path base;
  Path target;
  Path out;

  @BeforeEach
  void disks() throws Exception {
    base = Disks.random(dir.resolve("v1.raw"), 4 * MIB, 1);
    target = Disks.copy(base, dir.resolve("v2.raw"));
    Disks.scribble(target, 123_456, 200_000, 2);
    out = dir.resolve("out.raw");
  }

  private Path delta(DeltaMode mode) {
    Path delta = dir.resolve("d-" + mode.id() + ".cidelta");
    engine(mode).create(base, target, delta, ProgressListener.NONE, Cancellation.never());
    return delta;
  }

  private static DeltaEngine engine(DeltaMode mode) {
    return DeltaEngine.builder().mode(mode).blockSize(64 * 1024).chunkSize(16 * 1024).build();
  }

  private void apply(DeltaMode mode, Path on, Path delta) {
    engine(mode).apply(on, List.of(delta), out, ProgressListener.NONE, Cancellation.never());
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void refusesABaseOfAnotherContentAndLeavesNoOutput(DeltaMode mode) throws Exception {
    Path delta = delta(mode);
    Path other = Disks.copy(base, dir.resolve("other.raw"));
    Disks.scribble(other, 3 * MIB, 10, 7); // same size, other bytes, in an unchanged block
    assertThatThrownBy(() -> apply(mode, other, delta))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("is not the base of")
        .hasMessageContaining(DeltaFile.open(delta).info().baseDigest());
    assertThat(out).doesNotExist();
    assertThat(Disks.leftovers(dir)).isZero();
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void refusesABaseThatDiffersOnlyInItsLastBlockAndRemovesTheTemporaryOutput(DeltaMode mode)
      throws Exception {
    Path delta = delta(mode);
    Path other = Disks.copy(base, dir.resolve("other.raw"));
    // The base's digest is checked beside the rebuild, so this mismatch is found only after the
    // whole target has been written to the temporary file.
    Disks.scribble(other, 4 * MIB - 16, 16, 11);
    assertThatThrownBy(() -> apply(mode, other, delta))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("is not the base of");
    assertThat(out).doesNotExist();
    assertThat(Disks.leftovers(dir)).isZero();
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void anApplyCancelledWhileRebuildingLeavesNoOutputAndAFullOneReportsItsProgress(DeltaMode mode)
      throws Exception {
    Path delta = delta(mode);
    Cancellation cancel = Cancellation.create();
    assertThatThrownBy(
            () -> engine(mode).apply(base, List.of(delta), out, p -> cancel.cancel(), cancel))
        .isInstanceOf(CancelledException.class);
    assertThat(out).doesNotExist();
    assertThat(Disks.leftovers(dir)).isZero();

    List<Progress> seen = new CopyOnWriteArrayList<>();
    engine(mode).apply(base, List.of(delta), out, seen::add, Cancellation.never());
    Progress last = seen.get(seen.size() - 1);
    assertThat(last.done()).isEqualTo(last.total()).isEqualTo(4L * MIB);
    assertThat(Files.mismatch(out, target)).isEqualTo(-1);
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void refusesABaseOfAnotherSizeBeforeWriting(DeltaMode mode) throws Exception {
    Path delta = delta(mode);
    Path small = Disks.random(dir.resolve("small.raw"), MIB, 1);
    assertThatThrownBy(() -> apply(mode, small, delta))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("holds " + MIB + " bytes");
    assertThat(out).doesNotExist();
    assertThat(Disks.leftovers(dir)).isZero();
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void refusesATruncatedDelta(DeltaMode mode) throws Exception {
    Path delta = delta(mode);
    try (RandomAccessFile f = new RandomAccessFile(delta.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    assertThatThrownBy(() -> apply(mode, base, delta))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("truncated");
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesADeltaCutInsideItsHeader() throws Exception {
    Path delta = delta(DeltaMode.BLOCK);
    byte[] head = Files.readAllBytes(delta);
    Files.write(delta, java.util.Arrays.copyOf(head, 50));
    assertThatThrownBy(() -> apply(DeltaMode.BLOCK, base, delta))
        .isInstanceOf(CorruptDataException.class);
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void refusesADeltaWithOneFlippedBit(DeltaMode mode) throws Exception {
    Path delta = delta(mode);
    byte[] bytes = Files.readAllBytes(delta);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(delta, bytes);
    assertThatThrownBy(() -> apply(mode, base, delta))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("damaged");
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesAFileThatIsNotADelta() throws Exception {
    Path notDelta = Disks.random(dir.resolve("noise.cidelta"), 4096, 3);
    assertThatThrownBy(() -> DeltaFile.open(notDelta))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("not a cloudimage delta");
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void refusesWritingOverAnInput(DeltaMode mode) throws Exception {
    Path delta = delta(mode);
    byte[] before = Files.readAllBytes(base);
    assertThatThrownBy(
            () ->
                engine(mode)
                    .apply(
                        base,
                        List.of(delta),
                        dir.resolve("sub/../v1.raw"),
                        ProgressListener.NONE,
                        Cancellation.never()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is the same file as input");
    assertThatThrownBy(
            () ->
                engine(mode)
                    .apply(
                        base, List.of(delta), delta, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                engine(mode)
                    .create(base, target, target, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Files.readAllBytes(base)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(DeltaMode.class)
  void aFailedApplyLeavesAnExistingOutputAsItWas(DeltaMode mode) throws Exception {
    Path delta = delta(mode);
    Files.writeString(out, "previous");
    Path other = Disks.random(dir.resolve("other.raw"), 4 * MIB, 99);
    assertThatThrownBy(() -> apply(mode, other, delta)).isInstanceOf(CheckFailedException.class);
    assertThat(Files.readString(out)).isEqualTo("previous");
    apply(mode, base, delta);
    assertThat(Files.mismatch(out, target)).isEqualTo(-1);
  }
}
