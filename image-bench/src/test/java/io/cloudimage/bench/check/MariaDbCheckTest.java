package io.cloudimage.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MySQL check against a real MariaDB server that the test starts on loopback. */
class MariaDbCheckTest {
  @TempDir Path dir;

  @Test
  void readsTheHandshakeOfARealMariaDbServer() throws Exception {
    Path mariadbd = RequiredTools.command("mariadbd");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
    // An empty data folder and no grant tables: the server starts in seconds and only greets.
    Process server =
        new ProcessBuilder(
                List.of(
                    mariadbd.toString(),
                    "--no-defaults",
                    "--datadir=" + data,
                    "--user=" + System.getProperty("user.name"),
                    "--bind-address=127.0.0.1",
                    "--port=" + port,
                    "--socket=" + dir.resolve("sock"),
                    "--pid-file=" + dir.resolve("pid"),
                    "--skip-grant-tables",
                    "--skip-name-resolve",
                    "--innodb-buffer-pool-size=8M",
                    "--log-error=" + dir.resolve("error.log")))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    try {
      CheckResult r = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && server.isAlive()) {
        r =
            CheckList.builder()
                .mysql("127.0.0.1", port)
                .timeout(Duration.ofSeconds(5))
                .build()
                .run()
                .results()
                .get(0);
        if (r.passed()) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(r).isNotNull();
      assertThat(r.passed()).as(r.detail()).isTrue();
      assertThat(r.detail()).startsWith("MariaDB ").doesNotContain("5.5.5-");
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }
}
