package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class CheckCommandTest {
  @Test
  void passesWhenEveryCheckPassesAndFailsWithExitOneOtherwise() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun ok = CliRun.of("--json", "check", "--tcp", "127.0.0.1:" + open.getLocalPort());
      assertThat(ok.exitCode()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("\"passed\" : true");
      CliRun bad =
          CliRun.of(
              "check",
              "--tcp",
              "127.0.0.1:" + open.getLocalPort(),
              "--tcp",
              "127.0.0.1:" + closed,
              "--timeout",
              "2");
      assertThat(bad.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
      assertThat(bad.out()).contains("PASS tcp").contains("FAIL tcp 127.0.0.1:" + closed);
    }
  }

  @Test
  void noCheckIsAUsageErrorAndABadEndpointIsBadInput() {
    assertThat(CliRun.of("check").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun bad = CliRun.of("check", "--tcp", "nohostport");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("expected HOST:PORT");
  }
}
