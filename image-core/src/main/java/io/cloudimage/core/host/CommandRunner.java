package io.cloudimage.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * Runs programs as processes of this host. Output goes to a temporary file, so that waiting is
   * bounded by the timeout even when the program keeps its output open; at the timeout the process
   * and everything it started are killed. At most the first MiB of output is kept.
   */
  static CommandRunner processes() {
    return (command, timeout) -> {
      Path out = Files.createTempFile("cloudimage-run", ".out");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        int exit;
        try {
          exit = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          exit = -1;
        }
        if (exit == -1) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
        return new Result(exit, head(out));
      } finally {
        Files.deleteIfExists(out);
      }
    };
  }

  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
  }
}
