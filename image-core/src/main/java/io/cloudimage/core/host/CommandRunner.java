package io.cloudimage.core.host;

import io.cloudimage.core.progress.Cancellation;

/**
 * Runs commands somewhere: on this machine ({@link LocalCommandRunner}) or on a machine booted from
 * the image under test (image-bench's SSH runner). The preparation checks and the benchmarks go
 * through it, so tests can see and replace the commands. Implementations kill a command that runs
 * past its timeout or whose cancellation is set, together with what it started, and report the
 * timeout in the result rather than throwing.
 *
 * <pre>{@code
 * try (CommandRunner runner = new LocalCommandRunner()) {
 *   CommandResult r = runner.run(Command.of(List.of("fsck", "-n", "root.img"), timeout),
 *       Cancellation.never());
 * }
 * }</pre>
 */
public interface CommandRunner extends AutoCloseable {
  /**
   * Runs the command and waits for it.
   *
   * @return the result, also when the command failed or timed out
   * @throws io.cloudimage.core.error.InvalidInputException when the program is not installed, with
   *     the command that installs it
   * @throws io.cloudimage.core.error.CancelledException when {@code cancellation} was set; the
   *     command has been killed by then
   */
  CommandResult run(Command command, Cancellation cancellation);

  /** Releases connections; the local runner holds none. */
  @Override
  default void close() {}
}
