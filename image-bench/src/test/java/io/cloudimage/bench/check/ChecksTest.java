package io.cloudimage.bench.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cloudimage.core.error.InvalidInputException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChecksTest {
  private HttpServer http;

  @BeforeEach
  void startHttp() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/ok",
        ex -> {
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    http.createContext(
        "/broken",
        ex -> {
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    http.createContext(
        "/slow",
        ex -> {
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    http.start();
  }

  @AfterEach
  void stopHttp() {
    http.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  @Test
  void httpPassesOnA2xxAndFailsOnA5xxOrTooSlow() {
    CheckReport r =
        CheckList.builder()
            .http(url("/ok"))
            .http(url("/broken"))
            .http(url("/slow"), 200, Duration.ofMillis(100))
            .http(url("/ok"), 204, null)
            .build()
            .run();
    assertThat(r.results())
        .extracting(CheckResult::passed)
        .containsExactly(true, false, false, false);
    assertThat(r.results().get(1).detail()).contains("status 500 (expected 2xx or 3xx)");
    assertThat(r.results().get(2).detail()).contains("limit 100 ms");
    assertThat(r.results().get(3).detail()).contains("(expected 204)");
    assertThat(r.passed()).isFalse();
    assertThat(r.toJson()).contains("\"passed\" : false").contains("\"kind\" : \"http\"");
  }

  @Test
  void tcpPassesOnAnOpenPortAndFailsOnAClosedOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CheckReport r =
          CheckList.builder()
              .tcp("127.0.0.1:" + open.getLocalPort())
              .tcp("127.0.0.1", closed)
              .timeout(Duration.ofSeconds(2))
              .build()
              .run();
      assertThat(r.results()).extracting(CheckResult::passed).containsExactly(true, false);
      assertThat(r.toText()).contains("PASS tcp").contains("FAIL tcp");
    }
  }

  @Test
  void badEndpointsAreBadInput() {
    assertThatThrownBy(() -> CheckList.builder().tcp("example.org"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected HOST:PORT");
    assertThatThrownBy(() -> CheckList.builder().tcp("h", 70000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port must be between 1 and 65535");
    assertThatThrownBy(() -> CheckList.builder().http("ftp://x/"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an http:// or https:// URL");
  }

  @Test
  void mysqlReadsARecordedMariaDbHandshake() throws Exception {
    byte[] recorded;
    try (InputStream in = getClass().getResourceAsStream("handshake-mariadb-10.11.bin")) {
      recorded = in.readAllBytes();
    }
    CheckResult r = serveOnce(recorded);
    assertThat(r.passed()).as(r.detail()).isTrue();
    assertThat(r.detail()).startsWith("MariaDB 10.11.").contains("(protocol 10)");
  }

  @Test
  void mysqlRefusalIsAFailedCheckWithTheServersMessage() throws Exception {
    byte[] msg = "Host '10.0.0.9' is not allowed to connect to this MariaDB server".getBytes();
    byte[] packet = new byte[4 + 3 + msg.length];
    int len = 3 + msg.length;
    packet[0] = (byte) len;
    packet[1] = (byte) (len >> 8);
    packet[4] = (byte) 0xFF;
    packet[5] = (byte) (1130 & 0xFF);
    packet[6] = (byte) (1130 >> 8);
    System.arraycopy(msg, 0, packet, 7, msg.length);
    CheckResult r = serveOnce(packet);
    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).contains("error 1130").contains("not allowed to connect");
  }

  @Test
  void somethingElseOnTheMysqlPortFailsSayingWhere() throws Exception {
    CheckResult r = serveOnce("SSH-2.0-OpenSSH_9.2p1\r\n".getBytes());
    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).contains("not a MySQL handshake");
    byte[] recorded;
    try (InputStream in = getClass().getResourceAsStream("handshake-mariadb-10.11.bin")) {
      recorded = in.readAllBytes();
    }
    byte[] cut = java.util.Arrays.copyOf(recorded, 20);
    CheckResult t = serveOnce(cut);
    assertThat(t.passed()).isFalse();
    assertThat(t.detail()).contains("truncated MySQL handshake").contains("offset 20");
  }

  /** Serves {@code bytes} to one client, then closes: a server that says one thing. */
  private static CheckResult serveOnce(byte[] bytes) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  out.write(bytes);
                  out.flush();
                } catch (Exception e) {
                  failure.set(e);
                }
              });
      t.start();
      CheckResult r = new MysqlCheck("127.0.0.1", server.getLocalPort()).run(Duration.ofSeconds(5));
      t.join(5000);
      assertThat(failure.get()).isNull();
      return r;
    }
  }
}
