package io.cloudimage.bench.check;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Passes when a MySQL or MariaDB server at {@code host:port} greets with its handshake packet. It
 * logs in to nothing: it reads the greeting and closes.
 */
public final class MysqlCheck implements Check {
  private final String host;
  private final int port;

  /** A check of the server at {@code host:port}. */
  public MysqlCheck(String host, int port) {
    this.host = host;
    this.port = Endpoints.port(port);
  }

  @Override
  public CheckResult run(Duration timeout) {
    String target = host + ":" + port;
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), Endpoints.millis(timeout));
      s.setSoTimeout(Endpoints.millis(timeout));
      Object first = MysqlHandshake.read(s.getInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (first instanceof MysqlHandshake h) {
        return new CheckResult(
            "mysql",
            target,
            true,
            took,
            (h.mariaDb() ? "MariaDB " : "MySQL ")
                + h.version()
                + " (protocol "
                + h.protocolVersion()
                + ")");
      }
      MysqlHandshake.Refused r = (MysqlHandshake.Refused) first;
      return new CheckResult(
          "mysql", target, false, took, "server refused: error " + r.code() + ": " + r.message());
    } catch (IOException | InvalidInputException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new CheckResult("mysql", target, false, took, String.valueOf(e.getMessage()));
    }
  }
}
