package io.cloudimage.core.host;

import java.time.Duration;
import java.util.List;

/**
 * What a command did: its exit code, its captured output, how long it ran, and whether it was
 * killed for running past its timeout.
 *
 * @param argv the command that ran
 * @param exitCode the exit code; when the command was killed, what the system reported then
 * @param stdout the captured standard output, decoded as UTF-8, at most the command's bound
 * @param stderr the captured standard error, likewise
 * @param outputTruncated whether either stream was longer than the bound and was cut
 * @param elapsed the wall-clock time from start to end
 * @param timedOut whether the command ran past its timeout and was killed
 */
public record CommandResult(
    List<String> argv,
    int exitCode,
    String stdout,
    String stderr,
    boolean outputTruncated,
    Duration elapsed,
    boolean timedOut) {
  /** Copies the list. */
  public CommandResult {
    argv = List.copyOf(argv);
  }

  /** Whether the command ended by itself with exit code 0. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /** One line for a person: what ran and how it ended. */
  public String summary() {
    String how =
        timedOut
            ? "killed after its timeout of " + elapsed.toMillis() + " ms"
            : "exit code " + exitCode + " after " + elapsed.toMillis() + " ms";
    return String.join(" ", argv) + ": " + how;
  }
}
