package io.cloudimage.bench.job;

import io.cloudimage.bench.parse.Measurements;
import io.cloudimage.bench.parse.ResultFormat;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.progress.Cancellation;
import java.util.Optional;

/**
 * One run of a job: what the command did and, when it finished cleanly, its parsed measurements;
 * otherwise why there are none (killed at its timeout, a non-zero exit, unreadable output).
 *
 * @param result the command's result, with its raw output
 * @param measurements the parsed result, when the run succeeded
 * @param failure why the run has no result, when it has none
 */
public record JobOutcome(
    CommandResult result, Optional<Measurements> measurements, Optional<String> failure) {
  /**
   * Runs {@code job} once on {@code runner} and parses its output.
   *
   * @throws InvalidInputException when the tool is not installed where the runner runs
   */
  public static JobOutcome run(BenchJob job, CommandRunner runner, Cancellation cancellation) {
    CommandResult r = runner.run(job.command(), cancellation);
    if (r.timedOut()) {
      return new JobOutcome(
          r,
          Optional.empty(),
          Optional.of(
              job.tool()
                  + " ran past its timeout and was killed after "
                  + r.elapsed().toMillis() / 1000.0
                  + " s; its results are discarded"));
    }
    if (r.exitCode() != 0) {
      String err = r.stderr().strip();
      int cut = err.lastIndexOf('\n', Math.max(0, err.length() - 1));
      return new JobOutcome(
          r,
          Optional.empty(),
          Optional.of(
              job.tool()
                  + " exited with code "
                  + r.exitCode()
                  + (err.isEmpty() ? "" : ": " + (cut >= 0 ? err.substring(cut + 1) : err))));
    }
    try {
      return new JobOutcome(
          r,
          Optional.of(ResultFormat.named(job.tool()).parse(r.stdout(), job.tool() + " output")),
          Optional.empty());
    } catch (InvalidInputException e) {
      return new JobOutcome(r, Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
    }
  }

  /** Whether the run produced measurements. */
  public boolean succeeded() {
    return measurements.isPresent();
  }
}
