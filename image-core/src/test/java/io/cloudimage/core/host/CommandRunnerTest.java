package io.cloudimage.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

  @Test
  void capturesOutputAndExitCode() throws Exception {
    CommandRunner.Result r =
        CommandRunner.processes()
            .run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.output()).contains("out").contains("err");
  }

  @Test
  void stopsAtTheTimeoutEvenWhenTheProgramKeepsItsOutputOpen() throws Exception {
    long start = System.nanoTime();
    // The child sleeps with the shell's output inherited: reading output to its end would wait
    // for the sleep, not for the timeout.
    CommandRunner.Result r =
        CommandRunner.processes()
            .run(List.of("sh", "-c", "echo started; sleep 60 & wait"), Duration.ofMillis(500));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(r.exitCode()).isEqualTo(-1);
    assertThat(r.output()).contains("started");
    assertThat(millis).isLessThan(20_000);
  }
}
