package io.cloudimage.security.pgp.internal;

import io.cloudimage.core.error.CorruptDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks the OpenPGP packet headers of a small, fully read input (a keyring, a signature file) and
 * checks that every length fits in what is actually there and every tag is one we know, before
 * BouncyCastle parses it. This is what turns an absurd length field into a clear error instead of a
 * multi-gigabyte allocation.
 */
public final class PacketFramer {
  /** Packet tags of RFC 9580 we accept, plus the private/experimental range 60..63. */
  private static final Set<Integer> KNOWN =
      Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 60, 61, 62, 63);

  /** Tags that may use partial body lengths. */
  private static final Set<Integer> STREAMED = Set.of(8, 9, 11, 18, 20);

  private PacketFramer() {}

  /** One packet header: its tag and where its body lies. */
  public record Packet(int tag, int offset, int bodyLength) {}

  /**
   * Frames {@code data}.
   *
   * @param what names the input in messages
   * @return the packets in order
   * @throws CorruptDataException at the first header that does not hold
   */
  public static List<Packet> frame(byte[] data, String what) {
    List<Packet> packets = new ArrayList<>();
    int pos = 0;
    while (pos < data.length) {
      int start = pos;
      int header = data[pos++] & 0xff;
      if ((header & 0x80) == 0) {
        throw new CorruptDataException(
            null,
            start,
            what
                + ": byte 0x"
                + Integer.toHexString(header)
                + " is not an OpenPGP packet header (bit 7 clear); the data is not OpenPGP or is"
                + " damaged");
      }
      int tag;
      long length;
      if ((header & 0x40) != 0) {
        tag = header & 0x3f;
        long body = 0;
        long chunks = 0;
        boolean partial = true;
        while (partial) {
          if (pos >= data.length) {
            throw truncated(what, start);
          }
          int first = data[pos++] & 0xff;
          if (first < 192) {
            body += first;
            partial = false;
          } else if (first < 224) {
            if (pos >= data.length) {
              throw truncated(what, start);
            }
            body += ((first - 192) << 8) + (data[pos++] & 0xff) + 192;
            partial = false;
          } else if (first == 255) {
            if (pos + 4 > data.length) {
              throw truncated(what, start);
            }
            body +=
                ((long) (data[pos] & 0xff) << 24)
                    | ((data[pos + 1] & 0xff) << 16)
                    | ((data[pos + 2] & 0xff) << 8)
                    | (data[pos + 3] & 0xff);
            pos += 4;
            partial = false;
          } else {
            if (!STREAMED.contains(tag)) {
              throw new CorruptDataException(
                  null, start, what + ": packet tag " + tag + " may not use partial body lengths");
            }
            long chunk = 1L << (first & 0x1f);
            if (pos + chunk > data.length) {
              throw tooLong(what, start, tag, pos + chunk - start, data.length - start);
            }
            body += chunk;
            chunks += chunk;
            pos += (int) chunk;
          }
        }
        // Partial chunks were skipped already; what remains is the last part.
        length = body - chunks;
      } else {
        tag = (header >> 2) & 0x0f;
        int type = header & 0x03;
        if (type == 3) {
          throw new CorruptDataException(
              null,
              start,
              what
                  + ": packet tag "
                  + tag
                  + " has an indeterminate length, which is not allowed"
                  + " here");
        }
        int n = 1 << type;
        if (pos + n > data.length) {
          throw truncated(what, start);
        }
        length = 0;
        for (int i = 0; i < n; i++) {
          length = (length << 8) | (data[pos++] & 0xff);
        }
      }
      if (!KNOWN.contains(tag)) {
        throw new CorruptDataException(
            null, start, what + ": unknown OpenPGP packet tag " + tag + "; the data is damaged");
      }
      if (length > data.length - pos) {
        throw tooLong(what, start, tag, length, data.length - pos);
      }
      packets.add(new Packet(tag, pos, (int) length));
      pos += (int) length;
    }
    if (packets.isEmpty()) {
      throw new CorruptDataException(null, 0, what + " is empty: it holds no OpenPGP packets");
    }
    return packets;
  }

  private static CorruptDataException truncated(String what, int offset) {
    return new CorruptDataException(
        null, offset, what + ": packet header is truncated; the file was cut short");
  }

  private static CorruptDataException tooLong(
      String what, int offset, int tag, long length, long available) {
    return new CorruptDataException(
        null,
        offset,
        what
            + ": packet tag "
            + tag
            + " claims "
            + length
            + " bytes but only "
            + available
            + " follow; the file is truncated or the length field is corrupt");
  }
}
