package io.cloudimage.core.delta;

/**
 * A chunk's identity in the CDC index: a 128-bit hash of its bytes and its length.
 *
 * @param high the hash's first 64 bits
 * @param low the hash's last 64 bits
 * @param length the chunk's length in bytes
 */
record ChunkKey(long high, long low, int length) {}
