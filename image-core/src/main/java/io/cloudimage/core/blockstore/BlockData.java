package io.cloudimage.core.blockstore;

import io.cloudimage.core.error.CorruptDataException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bytes of one block and their SHA-256, as read from or written to a {@link BlockStore}. One
 * block (512 KiB on EBS) is the unit held in memory; a whole disk never is.
 *
 * @param index the block's index
 * @param data the block's bytes (the store's block size)
 * @param sha256 the SHA-256 of {@code data}, 32 bytes
 */
public record BlockData(long index, byte[] data, byte[] sha256) {
  /** Copies the arrays and checks the checksum's length. */
  public BlockData {
    data = data.clone();
    sha256 = sha256.clone();
    if (sha256.length != 32) {
      throw new IllegalArgumentException("BlockData.sha256 must be 32 bytes, was " + sha256.length);
    }
  }

  /** A block with its SHA-256 computed here. */
  public static BlockData of(long index, byte[] data) {
    return new BlockData(index, data, sha256(data));
  }

  /**
   * A block read from a store that sent {@code sha256Base64}; the bytes are checked against it.
   *
   * @throws CorruptDataException when the bytes do not hash to the checksum the store sent
   */
  public static BlockData verified(String where, long index, byte[] data, String sha256Base64) {
    byte[] expected = Base64.getDecoder().decode(sha256Base64);
    byte[] actual = sha256(data);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new CorruptDataException(
          null,
          index,
          where
              + " block "
              + index
              + " does not match its SHA-256 (sent "
              + HexFormat.of().formatHex(expected)
              + ", read "
              + HexFormat.of().formatHex(actual)
              + "); read it again");
    }
    return new BlockData(index, data, actual);
  }

  /** The bytes, a copy. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The SHA-256, a copy. */
  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /** The SHA-256 in Base64, as EBS direct APIs send and expect it. */
  public String sha256Base64() {
    return Base64.getEncoder().encodeToString(sha256);
  }

  /** The number of bytes. */
  public int length() {
    return data.length;
  }

  /** The SHA-256 of some bytes. */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockData b
        && b.index == index
        && Arrays.equals(b.data, data)
        && Arrays.equals(b.sha256, sha256);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return "BlockData{"
        + index
        + ", "
        + data.length
        + " bytes, sha256 "
        + HexFormat.of().formatHex(sha256)
        + "}";
  }
}
