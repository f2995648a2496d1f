package io.cloudimage.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandRunnerTest {
  private final LocalCommandRunner runner = new LocalCommandRunner();
  @TempDir Path dir;

  @Test
  void capturesOutputAndExitCode() {
    CommandResult r =
        runner.run(
            Command.of(
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10)),
            Cancellation.never());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
    assertThat(r.timedOut()).isFalse();
    assertThat(r.succeeded()).isFalse();
  }

  @Test
  void keepsOnlyTheBoundOfOutputAndSaysItWasCut() {
    CommandResult r =
        runner.run(
            new Command(
                List.of("sh", "-c", "head -c 100000 /dev/zero"), Duration.ofSeconds(10), 1000),
            Cancellation.never());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(1000);
    assertThat(r.outputTruncated()).isTrue();
  }

  @Test
  void killsTheWholeProcessTreeAtTheTimeout() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    CommandResult r =
        runner.run(
            Command.of(
                List.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"),
                Duration.ofMillis(500)),
            Cancellation.never());
    assertThat(r.timedOut()).isTrue();
    assertThat(r.summary()).contains("killed after its timeout");
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(childGone(child)).isTrue();
  }

  @Test
  void stopsAtTheTimeoutEvenWhenAProcessThatEscapedKeepsTheOutputOpen() throws Exception {
    Path pidFile = dir.resolve("escaped.pid");
    // The subshell starts a sleep and exits: the sleep belongs to init, out of reach of the kill,
    // and holds the command's output open. Reading a pipe to its end would wait for it.
    CommandResult r =
        runner.run(
            Command.of(
                List.of(
                    "sh", "-c", "(sleep 60 & echo $! > " + pidFile + "); echo started; sleep 60"),
                Duration.ofMillis(500)),
            Cancellation.never());
    try {
      assertThat(r.timedOut()).isTrue();
      assertThat(r.stdout()).isEqualTo("started\n");
      assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
    } finally {
      ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void stopsACancelledCommandAndThrows() throws Exception {
    Cancellation cancel = Cancellation.create();
    CompletableFuture<CommandResult> running =
        CompletableFuture.supplyAsync(
            () -> runner.run(Command.of(List.of("sleep", "60"), Duration.ofSeconds(60)), cancel));
    // Cancel once the command runs, so that the kill is what is tested, not a refusal to start.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    java.util.Optional<ProcessHandle> sleep = java.util.Optional.empty();
    while (sleep.isEmpty()) {
      assertThat(System.nanoTime()).as("sleep 60 started").isLessThan(deadline);
      sleep =
          ProcessHandle.current()
              .descendants()
              .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
              .findFirst();
      if (sleep.isEmpty()) {
        Thread.sleep(10);
      }
    }
    cancel.cancel();
    assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(CancelledException.class);
    assertThat(childGone(sleep.get().pid())).as("the cancelled command was killed").isTrue();
  }

  @Test
  void aProgramNotOnPathIsBadInputWithTheInstallCommand() {
    assertThatThrownBy(
            () ->
                runner.run(
                    Command.of(List.of("wrk-not-installed-here"), Duration.ofSeconds(1)),
                    Cancellation.never()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("wrk-not-installed-here is not on PATH")
        .hasMessageContaining("apt-get install");
    assertThat(Tools.installHint("iostat")).contains("apt-get install sysstat");
  }

  @Test
  void aRealStressNgRunPastItsTimeoutIsKilled() {
    RequiredTools.command("stress-ng");
    CommandResult r =
        runner.run(
            Command.of(
                List.of("stress-ng", "--cpu", "1", "--timeout", "30s"), Duration.ofSeconds(1)),
            Cancellation.never());
    assertThat(r.timedOut()).isTrue();
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(15));
  }

  private static boolean childGone(long pid) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
