package io.cloudimage.bench.check;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;

/** Values shared by the checks: ports, {@code host:port} text and socket timeouts. */
final class Endpoints {
  private Endpoints() {}

  static int port(int port) {
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("port must be between 1 and 65535, was " + port);
    }
    return port;
  }

  /** Socket timeouts take whole milliseconds, and 0 would mean forever. */
  static int millis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  /** Splits {@code host:port} or {@code [v6]:port}. */
  static String[] hostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidInputException("expected HOST:PORT, was '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String port = text.substring(colon + 1);
    try {
      port(Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("port in '" + text + "' is not a number", e);
    }
    return new String[] {host, port};
  }
}
