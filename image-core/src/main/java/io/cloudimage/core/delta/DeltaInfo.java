package io.cloudimage.core.delta;

import java.time.Instant;

/**
 * What a delta's header and trailer say, read without touching any image.
 *
 * @param mode how the delta was made
 * @param blockSize the block size (block mode) or the average chunk size (CDC mode), in bytes
 * @param baseSize the base disk's virtual size
 * @param targetSize the target disk's virtual size
 * @param baseDigest the base disk's SHA-256, lower-case hex
 * @param targetDigest the target disk's SHA-256, lower-case hex
 * @param created when the delta was made: the order of a chain
 * @param records how many records the delta holds
 * @param changedBytes the target bytes the delta carries: changed and zeroed blocks (block mode),
 *     new chunks (CDC mode)
 * @param deltaSize the delta file's size in bytes
 */
public record DeltaInfo(
    DeltaMode mode,
    int blockSize,
    long baseSize,
    long targetSize,
    String baseDigest,
    String targetDigest,
    Instant created,
    long records,
    long changedBytes,
    long deltaSize) {}
