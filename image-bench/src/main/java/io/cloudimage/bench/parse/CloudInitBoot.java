package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One boot record of {@code cloud-init analyze show}: each stage cloud-init finished, with how long
 * it took, and the total.
 *
 * @param record the boot record's number, from 1
 * @param stages the finished stages in order, nested stages included (their names have a '/')
 * @param total the record's "Total Time", when printed
 */
public record CloudInitBoot(
    int record, List<CloudInitBoot.Stage> stages, Optional<Duration> total) {
  private static final Pattern RECORD = Pattern.compile("^-- Boot Record (\\d+) --\\s*$");
  private static final Pattern FINISHED =
      Pattern.compile("^Finished stage: \\((.+)\\) (\\d+(?:\\.\\d+)?) seconds\\s*$");
  private static final Pattern TOTAL =
      Pattern.compile("^Total Time: (\\d+(?:\\.\\d+)?) seconds\\s*$");
  private static final Pattern EVENT =
      Pattern.compile("^\\|`->.* @\\d+(?:\\.\\d+)?s \\+\\d+(?:\\.\\d+)?s\\s*$");

  /**
   * One stage.
   *
   * @param name the stage, such as {@code init-network} or {@code init-local/search-NoCloud}
   * @param time how long it took
   */
  public record Stage(String name, Duration time) {}

  /** Copies the list. */
  public CloudInitBoot {
    stages = List.copyOf(stages);
  }

  /**
   * Parses every boot record of {@code cloud-init analyze show}.
   *
   * @throws InvalidInputException when there is no boot record, or a stage's or total's line does
   *     not read, with the line number
   */
  public static List<CloudInitBoot> parse(String text, String source) {
    List<CloudInitBoot> boots = new ArrayList<>();
    int record = 0;
    List<Stage> stages = new ArrayList<>();
    Duration total = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      Matcher r = RECORD.matcher(line);
      if (r.matches()) {
        if (record > 0) {
          boots.add(new CloudInitBoot(record, stages, Optional.ofNullable(total)));
        }
        record = Integer.parseInt(r.group(1));
        stages = new ArrayList<>();
        total = null;
        continue;
      }
      if (line.startsWith("Finished stage:")) {
        Matcher f = FINISHED.matcher(line);
        if (!f.matches() || record == 0) {
          throw new InvalidInputException(
              source
                  + ": line "
                  + n
                  + ": cannot read '"
                  + line.trim()
                  + "'"
                  + (record == 0 ? " before any '-- Boot Record NN --'" : ""));
        }
        stages.add(new Stage(f.group(1), seconds(f.group(2))));
      } else if (line.startsWith("Total Time:")) {
        Matcher t = TOTAL.matcher(line);
        if (!t.matches()) {
          throw new InvalidInputException(
              source + ": line " + n + ": cannot read '" + line.trim() + "'");
        }
        total = seconds(t.group(1));
      } else if (line.startsWith("|`->") && !EVENT.matcher(line).matches()) {
        throw new InvalidInputException(
            source + ": line " + n + ": event without its '@TIMEs +TIMEs': '" + line.trim() + "'");
      }
    }
    if (record > 0) {
      boots.add(new CloudInitBoot(record, stages, Optional.ofNullable(total)));
    }
    if (boots.isEmpty()) {
      throw new InvalidInputException(
          source + ": no '-- Boot Record NN --' found; is this cloud-init analyze show output?");
    }
    return List.copyOf(boots);
  }

  /**
   * {@code cloud-init.total} and {@code cloud-init.STAGE} for the top-level stages, in seconds,
   * lower is better. Without a printed total, the top-level stages' sum.
   */
  public Measurements measurements() {
    List<Metric> m = new ArrayList<>();
    double sum = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Stage s : stages) {
      if (s.name().contains("/") || !seen.add(s.name())) {
        continue;
      }
      double secs = TimeSpans.seconds(s.time());
      sum += secs;
      m.add(new Metric("cloud-init." + s.name(), "s", false, secs));
    }
    double t = total.map(TimeSpans::seconds).orElse(sum);
    m.add(0, new Metric("cloud-init.total", "s", false, t));
    return new Measurements("cloud-init", m);
  }

  private static Duration seconds(String s) {
    return Duration.ofNanos(Math.round(Double.parseDouble(s) * 1e9));
  }
}
