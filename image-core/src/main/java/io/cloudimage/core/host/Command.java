package io.cloudimage.core.host;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One command to run: its argument vector (the program first, no shell), a timeout after which it
 * is killed with everything it started, and the most bytes of stdout and of stderr to keep.
 *
 * <pre>{@code
 * Command c = new Command(List.of("fio", "--version"), Duration.ofSeconds(10), 1 << 20);
 * }</pre>
 *
 * @param argv the program and its arguments, never empty
 * @param timeout how long the command may run, positive
 * @param outputLimit the most bytes of stdout and of stderr each to keep; the rest is read and
 *     dropped so the program never blocks on a full pipe
 */
public record Command(List<String> argv, Duration timeout, int outputLimit) {
  /** The default bound of captured output: 16 MiB per stream. */
  public static final int DEFAULT_OUTPUT_LIMIT = 16 << 20;

  /** Checks the values and copies the list. */
  public Command {
    argv = List.copyOf(argv);
    Objects.requireNonNull(timeout, "timeout");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least the program's name");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (outputLimit <= 0) {
      throw new IllegalArgumentException("outputLimit must be positive, was " + outputLimit);
    }
  }

  /** A command with the default output bound. */
  public static Command of(List<String> argv, Duration timeout) {
    return new Command(argv, timeout, DEFAULT_OUTPUT_LIMIT);
  }

  /** The program's name: the first element of {@link #argv()}. */
  public String program() {
    return argv.get(0);
  }
}
