package io.cloudimage.bench.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Passes when a TCP connection to {@code host:port} opens within the timeout. */
public final class TcpCheck implements Check {
  private final String host;
  private final int port;

  /** A check of {@code host:port}. */
  public TcpCheck(String host, int port) {
    this.host = host;
    this.port = Endpoints.port(port);
  }

  @Override
  public CheckResult run(Duration timeout) {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), Endpoints.millis(timeout));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new CheckResult("tcp", host + ":" + port, true, took, "port open");
    } catch (IOException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new CheckResult(
          "tcp", host + ":" + port, false, took, "cannot connect: " + e.getMessage());
    }
  }
}
