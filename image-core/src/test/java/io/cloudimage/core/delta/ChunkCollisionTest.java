package io.cloudimage.core.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.format.RawDisk;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDC index uses a fast non-cryptographic hash: a collision can only make a wrong reference,
 * which the target's SHA-256 refuses at apply.
 */
class ChunkCollisionTest {
  @TempDir Path dir;

  @Test
  void theChunkHashIsMurmur3x64With128Bits() {
    byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    ChunkKey key = ChunkHash.key(fox, 0, fox.length);
    byte[] out =
        ByteBuffer.allocate(16)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(key.high())
            .putLong(key.low())
            .array();
    assertThat(java.util.HexFormat.of().formatHex(out))
        .isEqualTo("6c1b07bc7bbc4be347939ac4a93c437a");
    assertThat(key.length()).isEqualTo(fox.length);
    // An offset into a larger array hashes the same bytes the same way.
    byte[] padded = new byte[fox.length + 5];
    System.arraycopy(fox, 0, padded, 3, fox.length);
    assertThat(ChunkHash.key(padded, 3, fox.length)).isEqualTo(key);
  }

  @Test
  void aForgedCollisionMakesAWrongReferenceThatApplyRefuses() throws Exception {
    Path base = Disks.random(dir.resolve("base.raw"), 1 << 20, 1);
    Path target = Disks.copy(base, dir.resolve("target.raw"));
    // 16 bytes changed well inside the disk: the chunk around them keeps its first bytes and
    // (almost surely) its length.
    Disks.scribble(target, 300_000, 16, 2);
    // A deliberately weak key: the chunk's first 8 bytes and its length. The changed chunk then
    // collides with its old version in the base.
    ChunkHasher weak =
        (data, offset, length) ->
            new ChunkKey(ByteBuffer.wrap(data, offset, 8).getLong(), 0, length);
    Path delta = dir.resolve("forged.cidelta");
    DeltaInfo info;
    try (VirtualDisk b = RawDisk.open(base);
        VirtualDisk t = RawDisk.open(target)) {
      info =
          new ChunkDiff(4096, 16384, 65536, 1, weak)
              .create(b, t, delta, Instant.EPOCH, ProgressListener.NONE, Cancellation.never());
    }
    assertThat(info.changedBytes()).as("every chunk was taken for a base chunk").isZero();

    Path out = dir.resolve("out.raw");
    DeltaEngine engine = DeltaEngine.builder().mode(DeltaMode.CDC).build();
    assertThatThrownBy(
            () ->
                engine.apply(
                    base, List.of(delta), out, ProgressListener.NONE, Cancellation.never()))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("target");
    assertThat(out).doesNotExist();
    assertThat(Disks.leftovers(dir)).isZero();

    // The real hash tells the chunks apart, and the same disks round-trip.
    Path good = dir.resolve("good.cidelta");
    engine.create(base, target, good, ProgressListener.NONE, Cancellation.never());
    engine.apply(base, List.of(good), out, ProgressListener.NONE, Cancellation.never());
    assertThat(Files.mismatch(out, target)).isEqualTo(-1);
  }
}
