package io.cloudimage.bench.compare;

import io.cloudimage.bench.parse.Measurements;
import io.cloudimage.bench.parse.Metric;
import io.cloudimage.bench.parse.ResultFormat;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The results of the same job run several times on one image.
 *
 * @param label what the runs were on, such as the image's name or the folder
 * @param runs each run's measurements
 */
public record RepeatedRuns(String label, List<Measurements> runs) {
  /** Copies the list; at least one run. */
  public RepeatedRuns {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("at least one run is needed");
    }
  }

  /**
   * The runs in {@code path}: one result file, or a folder whose regular files (sorted by name,
   * hidden files skipped) are one run each. Each file's format is told from its text.
   *
   * @throws InvalidInputException when the path is missing, the folder empty, or a file unreadable
   */
  public static RepeatedRuns read(Path path) {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files =
            s.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (files.isEmpty()) {
        throw new InvalidInputException(path + ": the folder holds no result files");
      }
      List<Measurements> runs = new ArrayList<>();
      for (Path f : files) {
        runs.add(ResultFormat.readDetected(f));
      }
      return new RepeatedRuns(path.getFileName().toString(), runs);
    }
    if (!Files.exists(path)) {
      throw new InvalidInputException(path + ": no such file or folder");
    }
    return new RepeatedRuns(
        String.valueOf(path.getFileName()), List.of(ResultFormat.readDetected(path)));
  }

  /** Each metric's values across the runs that measured it, in the first run's order. */
  public Map<String, double[]> values() {
    Map<String, List<Double>> by = new LinkedHashMap<>();
    for (Measurements m : runs) {
      for (Metric x : m.metrics()) {
        by.computeIfAbsent(x.name(), k -> new ArrayList<>()).add(x.value());
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    by.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /** The first run's description of the metric called {@code name}, if any run measured it. */
  public java.util.Optional<Metric> describe(String name) {
    for (Measurements m : runs) {
      java.util.Optional<Metric> x = m.metric(name);
      if (x.isPresent()) {
        return x;
      }
    }
    return java.util.Optional.empty();
  }
}
