package io.cloudimage.bench.parse;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as systemd and wrk print them: {@code 1min 2.345s}, {@code 345ms}, {@code 12us}, {@code
 * 1h 2min}, {@code 635.91us}, {@code 1.2m} (wrk's minutes).
 */
final class TimeSpans {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(d|h|min|m|s|ms|us|µs|ns)(?![a-z])");
  private static final Pattern WHOLE =
      Pattern.compile("(?:\\d+(?:\\.\\d+)?\\s*(?:d|h|min|m|s|ms|us|µs|ns)\\s*)+");

  private TimeSpans() {}

  /** The duration, when {@code text} is one (possibly several parts). */
  static Optional<Duration> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (!WHOLE.matcher(t).matches()) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(t);
    double nanos = 0;
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "d" -> 86_400e9;
                case "h" -> 3_600e9;
                case "min", "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
              };
    }
    return Optional.of(Duration.ofNanos(Math.round(nanos)));
  }

  /** Seconds as a double, for metrics. */
  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
