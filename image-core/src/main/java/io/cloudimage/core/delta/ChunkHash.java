package io.cloudimage.core.delta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The CDC index key's hash: MurmurHash3 x64 128-bit (Austin Appleby's public-domain design), which
 * reads 16 bytes per step and runs at several GB/s where SHA-256 runs at one.
 *
 * <p>It is not cryptographic, and it does not need to be: two different chunks with the same key
 * would make the delta copy the wrong base bytes, and the target's SHA-256 in the header, checked
 * on every apply before the rename, refuses the result. A collision costs a failed apply (and a
 * delta made again in block mode), never a wrong image.
 */
final class ChunkHash {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private ChunkHash() {}

  /** The key of {@code data[offset, offset + length)}. */
  static ChunkKey key(byte[] data, int offset, int length) {
    long h1 = 0;
    long h2 = 0;
    int blocks = length >>> 4;
    int p = offset;
    for (int i = 0; i < blocks; i++, p += 16) {
      long k1 = (long) LONGS.get(data, p);
      long k2 = (long) LONGS.get(data, p + 8);
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int tail = length & 15;
    for (int i = tail - 1; i >= 8; i--) {
      k2 ^= (data[p + i] & 0xffL) << ((i - 8) * 8);
    }
    if (tail > 8) {
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
    }
    for (int i = Math.min(tail, 8) - 1; i >= 0; i--) {
      k1 ^= (data[p + i] & 0xffL) << (i * 8);
    }
    if (tail > 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return new ChunkKey(h1, h2, length);
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
