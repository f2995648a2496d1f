package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk printed after a load run: requests, throughput, latency, the latency distribution
 * ({@code --latency}) and errors.
 *
 * @param requests the requests completed
 * @param duration how long the run lasted
 * @param bytesRead the bytes read
 * @param requestsPerSecond the request rate
 * @param bytesPerSecond the transfer rate
 * @param latencyAverage the mean latency
 * @param latencyMax the largest latency
 * @param distribution latency percentiles ({@code 50.0 -> 635us}) when run with {@code --latency}
 * @param non2xxResponses responses that were neither 2xx nor 3xx
 * @param socketErrors connect, read, write and timeout errors added up
 */
public record WrkResult(
    long requests,
    Duration duration,
    long bytesRead,
    double requestsPerSecond,
    double bytesPerSecond,
    Duration latencyAverage,
    Duration latencyMax,
    Map<Double, Duration> distribution,
    long non2xxResponses,
    long socketErrors) {
  private static final Pattern LATENCY =
      Pattern.compile("^\\s*Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+%\\s*$");
  private static final Pattern TOTAL =
      Pattern.compile("^\\s*(\\d+) requests in (\\S+), (\\S+) read\\s*$");
  private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+(\\S+)\\s*$");
  private static final Pattern TPS = Pattern.compile("^Transfer/sec:\\s+(\\S+)\\s*$");
  private static final Pattern PERCENT = Pattern.compile("^\\s+(\\d+(?:\\.\\d+)?)%\\s+(\\S+)\\s*$");
  private static final Pattern NON2XX =
      Pattern.compile("^\\s*Non-2xx or 3xx responses: (\\d+)\\s*$");
  private static final Pattern SOCKET =
      Pattern.compile(
          "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTP]?)B");

  /** Copies the map. */
  public WrkResult {
    distribution = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(distribution));
  }

  /**
   * Parses wrk's text output.
   *
   * @throws InvalidInputException when a required line (Latency, "N requests in", Requests/sec) is
   *     missing or does not read, with the line number
   */
  public static WrkResult parse(String text, String source) {
    Long requests = null;
    Duration duration = null;
    long bytes = 0;
    Double rps = null;
    double tps = 0;
    Duration avg = null;
    Duration max = Duration.ZERO;
    Map<Double, Duration> dist = new LinkedHashMap<>();
    long non2xx = 0;
    long socket = 0;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      Matcher m;
      if ((m = LATENCY.matcher(line)).matches()) {
        avg = BootTime.span(m.group(1), source, n);
        max = BootTime.span(m.group(3), source, n);
      } else if ((m = TOTAL.matcher(line)).matches()) {
        requests = Long.parseLong(m.group(1));
        duration = BootTime.span(m.group(2), source, n);
        bytes = size(m.group(3), source, n);
      } else if ((m = RPS.matcher(line)).matches()) {
        rps = number(m.group(1), source, n);
      } else if ((m = TPS.matcher(line)).matches()) {
        tps = size(m.group(1), source, n);
      } else if ((m = PERCENT.matcher(line)).matches()) {
        dist.put(Double.parseDouble(m.group(1)), BootTime.span(m.group(2), source, n));
      } else if ((m = NON2XX.matcher(line)).matches()) {
        non2xx = Long.parseLong(m.group(1));
      } else if ((m = SOCKET.matcher(line)).matches()) {
        for (int g = 1; g <= 4; g++) {
          socket += Long.parseLong(m.group(g));
        }
      }
    }
    if (requests == null || duration == null || rps == null || avg == null) {
      String missing =
          avg == null
              ? "'Latency' thread stats"
              : requests == null || duration == null
                  ? "'N requests in T, S read'"
                  : "'Requests/sec:'";
      throw new InvalidInputException(
          source + ": no " + missing + " line in " + n + " lines; is this wrk's complete output?");
    }
    return new WrkResult(requests, duration, bytes, rps, tps, avg, max, dist, non2xx, socket);
  }

  /** The latency at {@code percent}, when wrk printed it. */
  public Optional<Duration> percentile(double percent) {
    return Optional.ofNullable(distribution.get(percent));
  }

  /**
   * {@code http.requests-per-second}, {@code http.bytes-per-second} (higher is better), {@code
   * http.latency.mean}, {@code http.latency.pNN} (ns) and {@code http.errors} (lower is better).
   */
  public Measurements measurements() {
    List<Metric> m = new ArrayList<>();
    m.add(new Metric("http.requests-per-second", "req/s", true, requestsPerSecond));
    m.add(new Metric("http.bytes-per-second", "B/s", true, bytesPerSecond));
    m.add(new Metric("http.latency.mean", "ns", false, latencyAverage.toNanos()));
    distribution.forEach(
        (p, d) -> {
          String k = p == Math.rint(p) ? Long.toString(p.longValue()) : p.toString();
          m.add(new Metric("http.latency.p" + k, "ns", false, d.toNanos()));
        });
    m.add(new Metric("http.errors", "count", false, non2xxResponses + socketErrors));
    return new Measurements("wrk", m);
  }

  /** wrk's binary units: {@code 17.76GB} is 17.76 GiB. */
  private static long size(String text, String source, int line) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new InvalidInputException(
          source + ": line " + line + ": '" + text + "' is not a size such as 606.33MB");
    }
    int shift = "KMGTP".indexOf(m.group(2).isEmpty() ? "?" : m.group(2)) + 1;
    return Math.round(Double.parseDouble(m.group(1)) * Math.pow(1024, shift));
  }

  private static double number(String text, String source, int line) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          source + ": line " + line + ": '" + text + "' is not a number", e);
    }
  }
}
