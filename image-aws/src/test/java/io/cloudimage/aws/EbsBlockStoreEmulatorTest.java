package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.blockstore.Block;
import io.cloudimage.core.blockstore.BlockData;
import io.cloudimage.core.blockstore.BlockStore;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Tags;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The EBS direct APIs behind the block-store interface, over HTTP against the emulator. */
class EbsBlockStoreEmulatorTest {

  private static byte[] block(long seed) {
    byte[] b = new byte[EbsBlockStore.BLOCK_SIZE];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String write(BlockStore store, String name, byte[]... blocks) {
    String snap = store.startSnapshot(1L << 30, null, name, Tags.of("test", name), name + "-token");
    for (int i = 0; i < blocks.length; i++) {
      store.putBlock(snap, BlockData.of(i, blocks[i]));
    }
    assertThat(store.completeSnapshot(snap, blocks.length)).isEqualTo("completed");
    return snap;
  }

  @Test
  void blocksWrittenWithTheirChecksumsAreListedAndReadBackIntact() {
    try (Emulator aws = Emulator.fresh();
        AwsDriver driver = aws.driver();
        BlockStore store = driver.blockStore()) {
      byte[][] data = {block(1), block(2), block(3)};
      String snap = write(store, "base", data);

      List<Block> blocks = store.blocks(snap).toList();

      assertThat(blocks).extracting(Block::index).containsExactly(0L, 1L, 2L);
      for (Block b : blocks) {
        BlockData read = store.readBlock(snap, b);
        assertThat(read.data()).isEqualTo(data[(int) b.index()]);
        assertThat(read.sha256()).isEqualTo(BlockData.sha256(data[(int) b.index()]));
      }
      assertThat(store.blockSize()).isEqualTo(512 * 1024);
      assertThat(driver.describeSnapshot(snap).tags().get("test")).contains("base");
    }
  }

  @Test
  void onlyTheBlockThatDiffersIsListedAsChanged() {
    try (Emulator aws = Emulator.fresh();
        AwsDriver driver = aws.driver();
        BlockStore store = driver.blockStore()) {
      String base = write(store, "v1", block(1), block(2), block(3));
      String next = write(store, "v2", block(1), block(20), block(3));

      List<Block> changed = store.changedBlocks(base, next).toList();

      assertThat(changed).extracting(Block::index).containsExactly(1L);
      assertThat(store.readBlock(next, changed.get(0)).data()).isEqualTo(block(20));
    }
  }

  @Test
  void aBlockOfTheWrongSizeOrAVolumeOfPartialGibIsRefusedBeforeAnyCall() {
    try (Emulator aws = Emulator.fresh();
        AwsDriver driver = aws.driver();
        BlockStore store = driver.blockStore()) {
      assertThatThrownBy(() -> store.startSnapshot(1000, null, "x", Tags.EMPTY, "t"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("whole number of GiB");
      assertThatThrownBy(
              () -> store.putBlock("snap-0123456789abcdef0", BlockData.of(0, new byte[10])))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("524288");
    }
  }
}
