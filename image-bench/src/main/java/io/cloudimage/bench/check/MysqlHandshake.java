package io.cloudimage.bench.check;

import io.cloudimage.core.error.InvalidInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first packet a MySQL or MariaDB server sends on connect: its protocol version, its version
 * string (MariaDB's says {@code -MariaDB}) and the connection's id. A server that refuses the
 * client sends an error packet instead, which {@link #read} reports as an {@link Refused}.
 *
 * @param protocolVersion 10 for every server since MySQL 3.21
 * @param serverVersion such as {@code 10.11.6-MariaDB-0+deb12u1} or {@code 8.0.36}
 * @param connectionId the server's id for this connection
 */
public record MysqlHandshake(int protocolVersion, String serverVersion, long connectionId) {
  /** The largest first packet accepted: handshakes are about 100 bytes. */
  private static final int MAX_PACKET = 64 * 1024;

  /**
   * The server refused the connection before the handshake (too many connections, host not
   * allowed).
   *
   * @param code the server's error number, such as 1130
   * @param message the server's message
   */
  public record Refused(int code, String message) {}

  /**
   * The version without the {@code 5.5.5-} that MariaDB puts in front for old clients: {@code
   * 10.11.6-MariaDB-0+deb12u1}.
   */
  public String version() {
    return mariaDb() && serverVersion.startsWith("5.5.5-")
        ? serverVersion.substring(6)
        : serverVersion;
  }

  /** Whether the server is MariaDB rather than MySQL. */
  public boolean mariaDb() {
    return serverVersion.contains("MariaDB");
  }

  /**
   * Reads the first packet from a server's stream.
   *
   * @return the handshake, or the refusal
   * @throws InvalidInputException when the bytes are not a MySQL packet, with the offset
   * @throws IOException when the connection fails or ends early
   */
  public static Object read(InputStream in) throws IOException {
    byte[] header = in.readNBytes(4);
    if (header.length < 4) {
      throw new EOFException("the server closed the connection after " + header.length + " bytes");
    }
    int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
    if (length == 0 || length > MAX_PACKET) {
      throw new InvalidInputException(
          "not a MySQL handshake: packet length " + length + " at offset 0");
    }
    byte[] payload = in.readNBytes(length);
    if (payload.length < length) {
      throw new InvalidInputException(
          "truncated MySQL handshake: "
              + payload.length
              + " of "
              + length
              + " payload bytes, ending at offset "
              + (4 + payload.length));
    }
    return parse(payload);
  }

  /** Parses a first packet's payload (without its 4-byte header). */
  static Object parse(byte[] p) {
    int first = p[0] & 0xFF;
    if (first == 0xFF) {
      int code = p.length >= 3 ? (p[1] & 0xFF) | (p[2] & 0xFF) << 8 : 0;
      int text = 3;
      if (p.length > 3 && p[3] == '#') {
        text = 9; // '#' and the five-character SQL state
      }
      String message =
          p.length > text ? new String(p, text, p.length - text, StandardCharsets.UTF_8) : "";
      return new Refused(code, message);
    }
    if (first != 10 && first != 9) {
      throw new InvalidInputException(
          "not a MySQL handshake: protocol version " + first + " at offset 4 (expected 10)");
    }
    int end = 1;
    while (end < p.length && p[end] != 0) {
      end++;
    }
    if (end >= p.length) {
      throw new InvalidInputException(
          "truncated MySQL handshake: server version not terminated by offset " + (4 + p.length));
    }
    String version = new String(p, 1, end - 1, StandardCharsets.UTF_8);
    int id = end + 1;
    if (p.length < id + 4) {
      throw new InvalidInputException(
          "truncated MySQL handshake: no connection id at offset " + (4 + id));
    }
    long connection =
        (p[id] & 0xFFL)
            | (p[id + 1] & 0xFFL) << 8
            | (p[id + 2] & 0xFFL) << 16
            | (p[id + 3] & 0xFFL) << 24;
    return new MysqlHandshake(first, version, connection);
  }
}
