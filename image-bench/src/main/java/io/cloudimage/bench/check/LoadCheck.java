package io.cloudimage.bench.check;

import io.cloudimage.bench.parse.WrkResult;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.Command;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.progress.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A load run through wrk: {@code connections} connections send requests to the URL for {@code
 * duration}; passes when every answer was 2xx or 3xx, no socket error happened and the rate reached
 * {@code minRequestsPerSecond}. wrk's output is parsed by {@link WrkResult}; the detail gives the
 * rate and the latency percentiles.
 */
public final class LoadCheck implements Check {
  private final String url;
  private final Duration duration;
  private final int connections;
  private final double minRequestsPerSecond;
  private final CommandRunner runner;

  private LoadCheck(
      String url,
      Duration duration,
      int connections,
      double minRequestsPerSecond,
      CommandRunner runner) {
    this.url = url;
    this.duration = duration;
    this.connections = connections;
    this.minRequestsPerSecond = minRequestsPerSecond;
    this.runner = runner;
  }

  /**
   * A load run of {@code url} on this machine.
   *
   * @param duration how long to send requests, 1 s to 1 h
   * @param connections open connections, 1 to 10,000
   * @param minRequestsPerSecond the slowest acceptable rate, 0 for no floor
   * @throws InvalidInputException when a value is out of range or the URL is not http(s)
   */
  public static LoadCheck of(
      String url, Duration duration, int connections, double minRequestsPerSecond) {
    return of(url, duration, connections, minRequestsPerSecond, new LocalCommandRunner());
  }

  /** As {@link #of(String, Duration, int, double)}, with wrk run by {@code runner} (e.g. SSH). */
  public static LoadCheck of(
      String url,
      Duration duration,
      int connections,
      double minRequestsPerSecond,
      CommandRunner runner) {
    HttpCheck.of(url, 0, null); // the same URL rules as the HTTP check
    if (duration.compareTo(Duration.ofSeconds(1)) < 0
        || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new InvalidInputException("load duration must be 1 s to 1 h, was " + duration);
    }
    if (connections < 1 || connections > 10_000) {
      throw new InvalidInputException("load connections must be 1-10000, was " + connections);
    }
    if (!(minRequestsPerSecond >= 0) || Double.isInfinite(minRequestsPerSecond)) {
      throw new InvalidInputException(
          "minimum requests per second must be >= 0, was " + minRequestsPerSecond);
    }
    return new LoadCheck(url, duration, connections, minRequestsPerSecond, runner);
  }

  /** The wrk command line this check runs. */
  public List<String> command() {
    int threads = Math.min(connections, Math.max(1, Runtime.getRuntime().availableProcessors()));
    return List.of(
        "wrk",
        "-t" + threads,
        "-c" + connections,
        "-d" + duration.toSeconds() + "s",
        "--latency",
        url);
  }

  @Override
  public CheckResult run(Duration timeout) {
    // wrk runs for its duration; the timeout bounds what comes on top (connecting, the report).
    Command command = Command.of(command(), duration.plus(timeout).plusSeconds(10));
    CommandResult r = runner.run(command, Cancellation.never());
    if (!r.succeeded()) {
      return new CheckResult(
          "load", url, false, r.elapsed(), r.summary() + ": " + firstLine(r.stderr()));
    }
    WrkResult w;
    try {
      w = WrkResult.parse(r.stdout(), "wrk output");
    } catch (CloudImageException e) {
      return new CheckResult("load", url, false, r.elapsed(), String.valueOf(e.getMessage()));
    }
    String figures =
        String.format(
            Locale.ROOT,
            "%d requests, %.1f req/s, latency avg %d us, p99 %s",
            w.requests(),
            w.requestsPerSecond(),
            w.latencyAverage().toNanos() / 1000,
            w.percentile(99).map(d -> d.toNanos() / 1000 + " us").orElse("n/a"));
    @Nullable String problem = null;
    if (w.non2xxResponses() > 0) {
      problem = w.non2xxResponses() + " answers were neither 2xx nor 3xx";
    } else if (w.socketErrors() > 0) {
      problem = w.socketErrors() + " socket errors";
    } else if (w.requestsPerSecond() < minRequestsPerSecond) {
      problem =
          String.format(Locale.ROOT, "rate below the floor of %.1f req/s", minRequestsPerSecond);
    }
    return new CheckResult(
        "load",
        url,
        problem == null,
        w.latencyAverage(),
        problem == null ? figures : problem + " (" + figures + ")");
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
