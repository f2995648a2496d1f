package io.cloudimage.bench.parse;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One job of a fio run (or the group, with {@code group_reporting}).
 *
 * @param name the job's name
 * @param error fio's error number for the job, 0 when it ran cleanly
 * @param directions the directions that did I/O
 */
public record FioJobStats(String name, int error, Map<IoDirection, IoStats> directions) {
  /** Copies the map. */
  public FioJobStats {
    directions =
        directions.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new EnumMap<>(directions));
  }

  /** The direction's results, when the job did I/O in that direction. */
  public Optional<IoStats> direction(IoDirection d) {
    return Optional.ofNullable(directions.get(d));
  }
}
