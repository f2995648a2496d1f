package io.cloudimage.security.sbom;

import io.cloudimage.core.error.CorruptDataException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An rpm package header as the rpm database stores it: a count of index entries and the size of the
 * data store (both 32-bit big-endian), then the 16-byte index entries ({@code tag, type, offset,
 * count}), then the data. Only the string and 32-bit integer tags the SBOM needs are read.
 */
final class RpmHeader {
  /** Tag numbers from rpm's {@code rpmtag.h}. */
  public static final int NAME = 1000;

  public static final int VERSION = 1001;
  public static final int RELEASE = 1002;
  public static final int EPOCH = 1003;
  public static final int INSTALLTIME = 1008;
  public static final int VENDOR = 1011;
  public static final int LICENSE = 1014;
  public static final int PACKAGER = 1015;
  public static final int ARCH = 1022;
  public static final int SOURCERPM = 1044;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;

  private final Map<Integer, String> strings;
  private final Map<Integer, Long> ints;

  private RpmHeader(Map<Integer, String> strings, Map<Integer, Long> ints) {
    this.strings = strings;
    this.ints = ints;
  }

  /**
   * Parses a header blob.
   *
   * @throws CorruptDataException when its index points outside the blob
   */
  public static RpmHeader parse(byte[] blob, String where) {
    ByteBuffer b = ByteBuffer.wrap(blob);
    if (blob.length < 8) {
      throw new CorruptDataException(
          null, 0, where + ": rpm header of " + blob.length + " bytes is cut short");
    }
    int il = b.getInt(0);
    int dl = b.getInt(4);
    long dataStart = 8L + 16L * il;
    if (il < 0 || dl < 0 || dataStart + dl > blob.length) {
      throw new CorruptDataException(
          null,
          -1,
          where
              + ": rpm header claims "
              + il
              + " entries and "
              + dl
              + " data bytes, more than its "
              + blob.length
              + " bytes");
    }
    Map<Integer, String> strings = new HashMap<>();
    Map<Integer, Long> ints = new HashMap<>();
    for (int i = 0; i < il; i++) {
      int at = 8 + 16 * i;
      int tag = b.getInt(at);
      int type = b.getInt(at + 4);
      int offset = b.getInt(at + 8);
      int count = b.getInt(at + 12);
      if (offset < 0 || offset >= dl) {
        continue;
      }
      int pos = (int) dataStart + offset;
      if (type == TYPE_STRING || type == TYPE_I18NSTRING || type == TYPE_STRING_ARRAY) {
        int end = pos;
        int limit = (int) dataStart + dl;
        while (end < limit && blob[end] != 0) {
          end++;
        }
        strings.putIfAbsent(tag, new String(blob, pos, end - pos, StandardCharsets.UTF_8));
      } else if (type == TYPE_INT32 && count >= 1 && offset + 4 <= dl) {
        ints.putIfAbsent(tag, b.getInt(pos) & 0xffffffffL);
      }
    }
    return new RpmHeader(strings, ints);
  }

  /** A string tag's (first) value, or {@code null}. */
  public @Nullable String string(int tag) {
    return strings.get(tag);
  }

  /** A 32-bit integer tag's first value, or {@code null}. */
  public @Nullable Long int32(int tag) {
    return ints.get(tag);
  }
}
