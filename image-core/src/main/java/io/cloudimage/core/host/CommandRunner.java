package io.cloudimage.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an outside program; the preparation checks go through it so tests can see the command. */
@FunctionalInterface
public interface CommandRunner {
  /**
   * What a run gave.
   *
   * @param exitCode the exit code, or -1 when it was stopped at the timeout
   * @param output standard output and error, interleaved
   */
  record Result(int exitCode, String output) {}

  /** Runs {@code command} and waits at most {@code timeout}. */
  Result run(List<String> command, Duration timeout) throws IOException;

  /** Runs programs as processes of this host. */
  static CommandRunner processes() {
    return (command, timeout) -> {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          return new Result(-1, new String(out, StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        return new Result(-1, new String(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    };
  }
}
