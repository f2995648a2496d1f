package io.cloudimage.core.delta;

import java.nio.ByteBuffer;

/** Direct buffers aligned to the page, so that reads can go straight from the page cache. */
final class Buffers {
  static final int PAGE = 4096;

  private Buffers() {}

  static ByteBuffer aligned(int size) {
    return ByteBuffer.allocateDirect(size + PAGE).alignedSlice(PAGE).limit(size).slice();
  }
}
