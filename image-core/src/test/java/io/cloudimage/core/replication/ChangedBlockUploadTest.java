package io.cloudimage.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.blockstore.Block;
import io.cloudimage.core.blockstore.BlockData;
import io.cloudimage.core.blockstore.BlockStore;
import io.cloudimage.core.delta.DeltaEngine;
import io.cloudimage.core.delta.DeltaFile;
import io.cloudimage.core.format.RawDisk;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a delta's changed blocks reach the block store, and the snapshot then reads as the new disk.
 */
class ChangedBlockUploadTest {
  private static final int BLOCK = 512 * 1024;

  @TempDir Path dir;

  /** A block store in memory: a snapshot starts as a copy of its parent's blocks. */
  static final class MemoryBlockStore implements BlockStore {
    final Map<String, TreeMap<Long, byte[]>> snapshots = new ConcurrentHashMap<>();
    final List<Long> puts = new ArrayList<>();
    int next;

    @Override
    public int blockSize() {
      return BLOCK;
    }

    @Override
    public Page<Block> listBlocks(String snapshotId, @Nullable String pageToken) {
      return new Page<>(
          snapshots.get(snapshotId).keySet().stream().map(i -> new Block(i, "t")).toList(), null);
    }

    @Override
    public Page<Block> listChangedBlocks(String base, String snapshotId, @Nullable String token) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BlockData readBlock(String snapshotId, Block block) {
      return BlockData.of(block.index(), snapshots.get(snapshotId).get(block.index()));
    }

    @Override
    public synchronized String startSnapshot(
        long volumeSizeBytes,
        @Nullable String parent,
        String description,
        Tags tags,
        String token) {
      String id = "snap-" + next++;
      snapshots.put(id, parent == null ? new TreeMap<>() : new TreeMap<>(snapshots.get(parent)));
      return id;
    }

    @Override
    public synchronized void putBlock(String snapshotId, BlockData block) {
      assertThat(block.length()).isEqualTo(BLOCK);
      puts.add(block.index());
      snapshots.get(snapshotId).put(block.index(), block.data());
    }

    @Override
    public String completeSnapshot(String snapshotId, int changedBlocks) {
      return "completed";
    }

    @Override
    public void close() {}

    byte[] read(String snapshotId, long size) {
      byte[] all = new byte[(int) size];
      snapshots
          .get(snapshotId)
          .forEach(
              (i, data) -> {
                int off = (int) (i * BLOCK);
                System.arraycopy(data, 0, all, off, Math.min(BLOCK, all.length - off));
              });
      return all;
    }
  }

  @Test
  void uploadsExactlyTheChangedBlocksAndTheSnapshotReadsAsTheNewVersion() throws Exception {
    int size = 16 * BLOCK + 12345;
    Path v1 = Homes.randomDisk(dir.resolve("v1.raw"), size, 1);
    Path v2 = dir.resolve("v2.raw");
    Files.copy(v1, v2);
    Homes.scribble(v2, 2L * BLOCK + 7, 100, 2);
    Homes.scribble(v2, 9L * BLOCK, 4096, 3);
    Homes.scribble(v2, 16L * BLOCK + 100, 10, 4); // the short last block
    byte[] zeros = new byte[BLOCK];
    try (var f = new java.io.RandomAccessFile(v2.toFile(), "rw")) {
      f.seek(5L * BLOCK);
      f.write(zeros); // a block that became zeros: a hole in the delta, zeros in the store
    }
    Path delta = dir.resolve("d.cidelta");
    DeltaEngine.builder()
        .build()
        .create(v1, v2, delta, ProgressListener.NONE, Cancellation.never());
    DeltaFile file = DeltaFile.open(delta);
    assertThat(file.changedBlocks()).extracting(b -> b.index()).containsExactly(2L, 5L, 9L, 16L);

    MemoryBlockStore store = new MemoryBlockStore();
    String parent = store.startSnapshot(1L << 30, null, "v1", Tags.EMPTY, "v1");
    byte[] v1Bytes = Files.readAllBytes(v1);
    for (long i = 0; i * BLOCK < size; i++) {
      byte[] block =
          Arrays.copyOf(
              Arrays.copyOfRange(v1Bytes, (int) (i * BLOCK), (int) Math.min(size, (i + 1) * BLOCK)),
              BLOCK);
      store.putBlock(parent, BlockData.of(i, block));
    }
    store.puts.clear();

    ChangedBlockUpload.Result result;
    try (VirtualDisk disk = RawDisk.open(v2)) {
      result =
          ChangedBlockUpload.builder(store, file.changedBlocks(), disk)
              .parent(parent)
              .clientToken("v2")
              .build()
              .run();
    }
    assertThat(store.puts).containsExactly(2L, 5L, 9L, 16L);
    assertThat(result.blocksPut()).isEqualTo(4);
    assertThat(result.status()).isEqualTo("completed");
    assertThat(store.read(result.snapshotId(), size)).isEqualTo(Files.readAllBytes(v2));
  }
}
