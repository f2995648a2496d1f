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
 * What {@code systemd-analyze time} printed: the time of each boot phase (firmware, loader, kernel,
 * initrd, userspace), their total, and when the default target was reached.
 *
 * <pre>{@code
 * BootTime t = BootTime.parse("Startup finished in 2.1s (kernel) + 25.9s (userspace) = 28.0s\n", "boot");
 * t.total(); // PT28S
 * }</pre>
 *
 * @param phases each phase's time, in the order printed
 * @param total the sum systemd printed
 * @param target the target reached, such as {@code graphical.target}, when printed
 * @param targetReachedAfter when the target was reached, in userspace time
 */
public record BootTime(
    Map<String, Duration> phases,
    Duration total,
    Optional<String> target,
    Optional<Duration> targetReachedAfter) {
  private static final Pattern STARTUP =
      Pattern.compile("Startup finished in (.+?) = ([^\\n]+?)\\s*$", Pattern.MULTILINE);
  private static final Pattern PHASE = Pattern.compile("(.+?) \\(([a-z]+)\\)");
  private static final Pattern TARGET =
      Pattern.compile("^(\\S+) reached after (.+?) in userspace\\.?\\s*$", Pattern.MULTILINE);

  /** Copies the map, keeping its order. */
  public BootTime {
    phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
  }

  /**
   * Parses {@code systemd-analyze time}.
   *
   * @throws InvalidInputException when there is no "Startup finished in" line, or a time in it does
   *     not read, with the line
   */
  public static BootTime parse(String text, String source) {
    Matcher m = STARTUP.matcher(text);
    if (!m.find()) {
      throw new InvalidInputException(
          source
              + ": no 'Startup finished in ...' line; is this systemd-analyze time output? "
              + "(systemd prints it only once the boot has finished)");
    }
    int line = lineOf(text, m.start());
    Map<String, Duration> phases = new LinkedHashMap<>();
    for (String part : m.group(1).split("\\s\\+\\s")) {
      Matcher p = PHASE.matcher(part.trim());
      if (!p.matches()) {
        throw new InvalidInputException(
            source + ": line " + line + ": cannot read the boot phase '" + part.trim() + "'");
      }
      phases.put(p.group(2), span(p.group(1), source, line));
    }
    Duration total = span(m.group(2), source, line);
    Matcher t = TARGET.matcher(text);
    Optional<String> target = Optional.empty();
    Optional<Duration> after = Optional.empty();
    if (t.find()) {
      target = Optional.of(t.group(1));
      after = Optional.of(span(t.group(2), source, lineOf(text, t.start())));
    }
    return new BootTime(phases, total, target, after);
  }

  /** {@code boot.total} and {@code boot.PHASE} in seconds, lower is better. */
  public Measurements measurements() {
    List<Metric> m = new ArrayList<>();
    m.add(new Metric("boot.total", "s", false, TimeSpans.seconds(total)));
    phases.forEach((k, v) -> m.add(new Metric("boot." + k, "s", false, TimeSpans.seconds(v))));
    targetReachedAfter.ifPresent(
        d -> m.add(new Metric("boot.target-reached", "s", false, TimeSpans.seconds(d))));
    return new Measurements("systemd-analyze", m);
  }

  static Duration span(String text, String source, int line) {
    return TimeSpans.parse(text)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    source + ": line " + line + ": '" + text.trim() + "' is not a time span"));
  }

  static int lineOf(String text, int offset) {
    int n = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
