package io.cloudimage.core.delta;

import io.cloudimage.core.error.CorruptDataException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The fixed 112-byte header of a delta file (big-endian; see {@code docs/delta.md}).
 *
 * @param mode block or CDC
 * @param blockSize block size (block mode) or average chunk size (CDC)
 * @param minChunk smallest chunk (CDC), 0 in block mode
 * @param maxChunk largest chunk (CDC), 0 in block mode
 * @param baseSize the base disk's size
 * @param targetSize the target disk's size
 * @param baseDigest the base disk's SHA-256, 32 bytes
 * @param targetDigest the target disk's SHA-256, 32 bytes
 * @param created when the delta was made
 */
record DeltaHeader(
    DeltaMode mode,
    int blockSize,
    int minChunk,
    int maxChunk,
    long baseSize,
    long targetSize,
    byte[] baseDigest,
    byte[] targetDigest,
    Instant created) {

  static final byte[] MAGIC = "CIDELTA\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TRAILER_MAGIC = "CIDLTEND".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int SIZE = 112;

  /** End marker, record count, changed bytes, trailer magic, SHA-256. */
  static final int TRAILER_SIZE = 1 + 8 + 8 + 8 + 32;

  static final int MIN_BLOCK = 4096;
  static final int MAX_BLOCK = 4 * 1024 * 1024;

  static final int RECORD_END = 0;
  static final int RECORD_XOR = 1;
  static final int RECORD_ZERO = 2;
  static final int RECORD_DATA = 3;
  static final int RECORD_COPY = 4;

  /** The largest payload a record may carry: the biggest block or chunk. */
  int maxRecordLength() {
    return mode == DeltaMode.BLOCK ? blockSize : maxChunk;
  }

  ByteBuffer encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.put(MAGIC).putShort((short) VERSION).put((byte) mode.code()).put((byte) 0);
    b.putInt(blockSize).putInt(minChunk).putInt(maxChunk);
    b.putLong(baseSize).putLong(targetSize).put(baseDigest).put(targetDigest);
    b.putLong(created.toEpochMilli());
    return b.flip();
  }

  /**
   * Decodes and checks a header.
   *
   * @throws CorruptDataException naming the field that is wrong
   */
  static DeltaHeader decode(Path file, ByteBuffer b) {
    if (b.remaining() < SIZE) {
      throw new CorruptDataException(
          file, b.remaining(), "too short for a delta header (" + SIZE + " bytes)");
    }
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new CorruptDataException(file, 0, "not a cloudimage delta (bad magic)");
    }
    int version = Short.toUnsignedInt(b.getShort());
    if (version != VERSION) {
      throw new CorruptDataException(
          file, 8, "delta format version " + version + " is not supported; this reads " + VERSION);
    }
    int modeCode = Byte.toUnsignedInt(b.get());
    DeltaMode mode;
    try {
      mode = DeltaMode.fromCode(modeCode);
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException(file, 10, "unknown delta mode " + modeCode, e);
    }
    int flags = b.get();
    if (flags != 0) {
      throw new CorruptDataException(file, 11, "unknown header flags " + flags);
    }
    int blockSize = b.getInt();
    int minChunk = b.getInt();
    int maxChunk = b.getInt();
    if (mode == DeltaMode.BLOCK) {
      if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK || Integer.bitCount(blockSize) != 1) {
        throw new CorruptDataException(file, 12, "block size " + blockSize + " out of range");
      }
    } else if (minChunk < 64
        || minChunk > blockSize
        || blockSize > maxChunk
        || maxChunk > MAX_BLOCK * 4) {
      throw new CorruptDataException(
          file, 12, "chunk sizes " + minChunk + "/" + blockSize + "/" + maxChunk + " out of range");
    }
    long baseSize = b.getLong();
    long targetSize = b.getLong();
    if (baseSize < 0 || targetSize < 0) {
      throw new CorruptDataException(file, 24, "negative disk size");
    }
    byte[] baseDigest = new byte[32];
    byte[] targetDigest = new byte[32];
    b.get(baseDigest).get(targetDigest);
    Instant created = Instant.ofEpochMilli(b.getLong());
    return new DeltaHeader(
        mode,
        blockSize,
        minChunk,
        maxChunk,
        baseSize,
        targetSize,
        baseDigest,
        targetDigest,
        created);
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
