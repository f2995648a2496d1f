package io.cloudimage.security.pgp.internal;

import io.cloudimage.core.error.CorruptDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.bcpg.CRC24;
import org.bouncycastle.bcpg.FastCRC24;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one ASCII-armored block (RFC 9580 section 6) as a stream: checks the BEGIN and END lines
 * agree, that header lines are {@code Key: Value}, that the base64 is clean, and that the CRC-24
 * checksum, when present, matches. Every failure is a {@link CorruptDataException} naming the line.
 */
public final class ArmorInputStream extends InputStream {
  private static final String BEGIN = "-----BEGIN PGP ";
  private static final String END = "-----END PGP ";
  private static final int MAX_PREAMBLE_LINES = 1000;

  private final LineReader lines;
  private final String type;
  private final Map<String, List<String>> headers;
  // The armor checksum of RFC 9580 section 6.1.
  private final CRC24 crc = new FastCRC24();
  private byte[] decoded = new byte[0];
  private int decodedPos;
  private String pending = "";
  private boolean finished;
  private boolean padded;

  private ArmorInputStream(LineReader lines, String type, Map<String, List<String>> headers) {
    this.lines = lines;
    this.type = type;
    this.headers = headers;
  }

  /**
   * The OpenPGP packets of {@code in}: decoded from its first armored block when it starts with
   * armor, else {@code in} itself. Every armored input of the module goes through this decoder, so
   * damaged armor is refused the same way everywhere.
   *
   * @param in a stream that supports {@link InputStream#mark}
   * @param what the input's name, for messages
   * @param expectedType the armor type the input must have, such as {@code MESSAGE}
   * @throws CorruptDataException when the armor is damaged or of another type
   */
  public static InputStream decoder(InputStream in, String what, String expectedType)
      throws IOException {
    if (!SmallInput.isArmored(SmallInput.peek(in, 64))) {
      return in;
    }
    LineReader lines = new LineReader(in, what, 64 * 1024);
    ArmorInputStream block = next(lines);
    if (block == null) {
      throw new CorruptDataException(null, -1, what + " holds no armored block");
    }
    if (!block.type().equals(expectedType)) {
      throw new CorruptDataException(
          null,
          -1,
          what
              + " holds an armored '"
              + block.type()
              + "' block where a '"
              + expectedType
              + "' block was expected");
    }
    return block;
  }

  /**
   * Reads up to and including the header block of the next armored block.
   *
   * @return the block's stream, or {@code null} when only blank lines remain
   */
  public static @Nullable ArmorInputStream next(LineReader lines) {
    String type = null;
    for (int i = 0; type == null; i++) {
      byte[] raw = lines.next();
      if (raw == null) {
        return null;
      }
      String line = text(raw).strip();
      if (line.startsWith(BEGIN) && line.endsWith("-----")) {
        type = line.substring(BEGIN.length(), line.length() - 5);
      } else if (!line.isEmpty() && i >= MAX_PREAMBLE_LINES) {
        throw corrupt(lines, "no '-----BEGIN PGP ...-----' line in the first lines; not armored");
      }
    }
    return new ArmorInputStream(lines, type, readHeaders(lines));
  }

  /** Continues a block whose BEGIN line of {@code type} the caller has just read. */
  public static ArmorInputStream afterBegin(LineReader lines, String type) {
    return new ArmorInputStream(lines, type, readHeaders(lines));
  }

  /** Reads {@code Key: Value} lines up to the blank line that ends them. */
  public static Map<String, List<String>> readHeaders(LineReader lines) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    while (true) {
      byte[] raw = lines.next();
      if (raw == null) {
        throw corrupt(lines, "armor is truncated inside its header lines");
      }
      String line = text(raw).stripTrailing();
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(": ");
      if (colon <= 0) {
        throw corrupt(
            lines, "armor header line is not 'Key: Value' (a blank line must end the headers)");
      }
      headers
          .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
          .add(line.substring(colon + 2));
      if (headers.size() > 64) {
        throw corrupt(lines, "more than 64 armor headers");
      }
    }
  }

  /** The block type, such as {@code SIGNATURE}, {@code PUBLIC KEY BLOCK}, {@code MESSAGE}. */
  public String type() {
    return type;
  }

  /** The armor headers by name, case-insensitive. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (decodedPos == decoded.length) {
      if (finished) {
        return -1;
      }
      nextLine();
    }
    int n = Math.min(len, decoded.length - decodedPos);
    System.arraycopy(decoded, decodedPos, b, off, n);
    decodedPos += n;
    return n;
  }

  private void nextLine() {
    byte[] raw = lines.next();
    if (raw == null) {
      throw corrupt(lines, "armor is truncated: no '-----END PGP " + type + "-----' line");
    }
    String line = text(raw).strip();
    if (line.startsWith(END)) {
      finish(line, false);
      return;
    }
    if (line.isEmpty()) {
      return;
    }
    if (line.length() == 5 && line.charAt(0) == '=') {
      checkCrc(line);
      byte[] endRaw = lines.next();
      String end = endRaw == null ? "" : text(endRaw).strip();
      if (!end.startsWith(END)) {
        throw corrupt(lines, "armor checksum line must be followed by the END line");
      }
      finish(end, true);
      return;
    }
    if (padded) {
      throw corrupt(lines, "armor has base64 data after its padding");
    }
    String data = pending + line;
    int usable = data.length() - data.length() % 4;
    pending = data.substring(usable);
    if (data.indexOf('=') >= 0 && data.indexOf('=') < usable) {
      padded = true;
    }
    try {
      decoded = Base64.getDecoder().decode(data.substring(0, usable));
    } catch (IllegalArgumentException e) {
      throw corrupt(lines, "armor line is not valid base64 (" + e.getMessage() + ")");
    }
    decodedPos = 0;
    for (byte b : decoded) {
      crc.update(b & 0xff);
    }
  }

  private void checkCrc(String line) {
    byte[] sum;
    try {
      sum = Base64.getDecoder().decode(line.substring(1));
    } catch (IllegalArgumentException e) {
      throw corrupt(lines, "armor checksum line is not valid base64");
    }
    if (!pending.isEmpty()) {
      throw corrupt(lines, "armor base64 data is cut short before the checksum");
    }
    int expected = ((sum[0] & 0xff) << 16) | ((sum[1] & 0xff) << 8) | (sum[2] & 0xff);
    if (expected != crc.getValue()) {
      throw corrupt(
          lines,
          String.format(
              "armor CRC-24 mismatch: the block says %06X, the data gives %06X;"
                  + " the file was altered or damaged in transit",
              expected, crc.getValue()));
    }
  }

  private void finish(String endLine, boolean crcChecked) {
    if (!pending.isEmpty()) {
      throw corrupt(lines, "armor base64 data is cut short (length not a multiple of 4)");
    }
    String endType =
        endLine.endsWith("-----") ? endLine.substring(END.length(), endLine.length() - 5) : "";
    if (!endType.equals(type)) {
      throw corrupt(
          lines, "armor END line says '" + endType + "' but the BEGIN line said '" + type + "'");
    }
    finished = true;
    decoded = new byte[0];
    decodedPos = 0;
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  private static CorruptDataException corrupt(LineReader lines, String problem) {
    return new CorruptDataException(
        null, -1, lines.what() + " line " + lines.lineNumber() + ": " + problem);
  }
}
