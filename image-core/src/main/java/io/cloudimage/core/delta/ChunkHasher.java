package io.cloudimage.core.delta;

/** Computes a chunk's index key; {@link ChunkHash#key} in production, a weak one in tests. */
@FunctionalInterface
interface ChunkHasher {
  ChunkKey key(byte[] data, int offset, int length);
}
