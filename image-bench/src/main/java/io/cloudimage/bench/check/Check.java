package io.cloudimage.bench.check;

import java.time.Duration;

/** One functional check of a running image. Implementations never throw for a failed check. */
public interface Check {
  /**
   * Runs the check.
   *
   * @param timeout how long to wait for an answer
   * @return the answer; a refused connection or a wrong status is a failed result, not an exception
   */
  CheckResult run(Duration timeout);
}
