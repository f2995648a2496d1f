package io.cloudimage.core.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BlockDataTest {
  @Test
  void theChecksumIsTheSha256OfTheBytesInBase64() {
    BlockData block = BlockData.of(3, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(block.sha256()))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Base64.getDecoder().decode(block.sha256Base64())).isEqualTo(block.sha256());
  }

  @Test
  void aReadBlockWhoseBytesDoNotMatchTheSentChecksumIsCorruptNamingTheBlock() {
    byte[] data = new byte[512 * 1024];
    Arrays.fill(data, (byte) 7);
    String sent = BlockData.of(5, data).sha256Base64();
    assertThat(BlockData.verified("snap-1", 5, data, sent).index()).isEqualTo(5);
    data[100] = 8;
    assertThatThrownBy(() -> BlockData.verified("snap-1", 5, data, sent))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("snap-1 block 5");
  }

  @Test
  void theArraysAreCopiedSoABlockCannotChangeUnderItsChecksum() {
    byte[] data = {1, 2, 3};
    BlockData block = BlockData.of(0, data);
    data[0] = 9;
    block.data()[1] = 9;
    assertThat(block.data()).containsExactly(1, 2, 3);
  }

  @Test
  void aBlockKnowsItsOffsetAndRefusesANegativeIndex() {
    assertThat(new Block(3, "t").offset(512 * 1024)).isEqualTo(3L * 512 * 1024);
    assertThatThrownBy(() -> new Block(-1, null)).isInstanceOf(InvalidInputException.class);
  }
}
