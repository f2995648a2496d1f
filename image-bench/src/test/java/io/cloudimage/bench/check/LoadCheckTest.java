package io.cloudimage.bench.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.testing.RequiredTools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Load runs through the real wrk against a loopback HTTP server. */
class LoadCheckTest {
  private HttpServer http;

  @BeforeEach
  void start() throws Exception {
    RequiredTools.command("wrk");
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.createContext(
        "/ok",
        ex -> {
          byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    http.createContext(
        "/broken",
        ex -> {
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  @Test
  void aServerAnsweringEveryRequestPassesWithItsRateAndLatency() {
    CheckReport r = CheckList.builder().load(url("/ok"), Duration.ofSeconds(1), 4, 1).build().run();
    CheckResult load = r.results().get(0);
    assertThat(load.kind()).isEqualTo("load");
    assertThat(load.passed()).as(load.detail()).isTrue();
    assertThat(load.detail()).contains("req/s").contains("p99");
  }

  @Test
  void serverErrorsAndAnUnreachableFloorFail() {
    CheckReport r =
        CheckList.builder()
            .load(url("/broken"), Duration.ofSeconds(1), 2, 0)
            .load(url("/ok"), Duration.ofSeconds(1), 2, 1e9)
            .build()
            .run();
    assertThat(r.passed()).isFalse();
    assertThat(r.results().get(0).detail()).contains("neither 2xx nor 3xx");
    assertThat(r.results().get(1).detail()).contains("below the floor");
  }

  @Test
  void outOfRangeValuesAreRefusedBeforeAnyRun() {
    assertThatThrownBy(() -> LoadCheck.of(url("/ok"), Duration.ofMillis(10), 4, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 s to 1 h");
    assertThatThrownBy(() -> LoadCheck.of(url("/ok"), Duration.ofSeconds(1), 0, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("connections");
    assertThatThrownBy(() -> LoadCheck.of("ftp://x/", Duration.ofSeconds(1), 1, 0))
        .isInstanceOf(InvalidInputException.class);
  }
}
