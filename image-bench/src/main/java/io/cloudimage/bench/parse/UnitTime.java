package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code systemd-analyze blame}: how long a unit took to start.
 *
 * @param unit the unit, such as {@code cloud-init.service}
 * @param time how long it took
 */
public record UnitTime(String unit, Duration time) {
  private static final Pattern LINE = Pattern.compile("^\\s*(.+?)\\s+(\\S+\\.[a-z]+)\\s*$");

  /**
   * Parses {@code systemd-analyze blame}, slowest first as systemd prints it.
   *
   * @throws InvalidInputException on a line that is not a time and a unit, with its number
   */
  public static List<UnitTime> parseBlame(String text, String source) {
    List<UnitTime> list = new ArrayList<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new InvalidInputException(
            source + ": line " + n + ": expected 'TIME UNIT', found '" + line.trim() + "'");
      }
      list.add(new UnitTime(m.group(2), BootTime.span(m.group(1), source, n)));
    }
    if (list.isEmpty()) {
      throw new InvalidInputException(source + ": no units in systemd-analyze blame output");
    }
    return List.copyOf(list);
  }

  /** {@code unit.NAME} in seconds for each unit, lower is better. */
  public static Measurements measurements(List<UnitTime> blame) {
    List<Metric> m = new ArrayList<>();
    for (UnitTime u : blame) {
      m.add(new Metric("unit." + u.unit(), "s", false, TimeSpans.seconds(u.time())));
    }
    return new Measurements("systemd-analyze-blame", m);
  }
}
