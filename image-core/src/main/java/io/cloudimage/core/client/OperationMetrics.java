package io.cloudimage.core.client;

import java.time.Duration;

/**
 * What the client measured for one operation since it was opened.
 *
 * @param calls calls made by callers (each may have taken several attempts)
 * @param failures calls that ended with an exception, after any retries
 * @param retries attempts after the first, over all calls
 * @param timeouts attempts or calls that the client stopped waiting for
 * @param totalLatency the time all calls took, retries and back-off included
 * @param maxLatency the longest call
 */
public record OperationMetrics(
    long calls,
    long failures,
    long retries,
    long timeouts,
    Duration totalLatency,
    Duration maxLatency) {

  /** The mean time of a call, or zero when there was none. */
  public Duration meanLatency() {
    return calls == 0 ? Duration.ZERO : totalLatency.dividedBy(calls);
  }
}
