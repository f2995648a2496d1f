package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One GPU's line of {@code nvidia-smi --query-gpu=FIELDS --format=csv}: the fields asked for, by
 * nvidia-smi's name ({@code name}, {@code driver_version}, {@code memory.used}...). Values keep
 * their text; {@code [N/A]} and {@code [Not Supported]} become absent.
 *
 * @param fields the fields by query name, in the order asked
 */
public record GpuStatus(Map<String, String> fields) {
  /** Copies the map. */
  public GpuStatus {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The field's value, when reported. */
  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The GPU's product name, such as {@code Tesla T4}. */
  public Optional<String> name() {
    return field("name");
  }

  /** The driver's version, such as {@code 535.104.05}. */
  public Optional<String> driverVersion() {
    return field("driver_version");
  }

  /**
   * Parses the CSV. The header line ({@code --format=csv}) names the fields, with the unit in
   * brackets, which is dropped; with {@code csv,noheader} pass the query's fields as {@code
   * fieldsWithoutHeader}.
   *
   * @param fieldsWithoutHeader the {@code --query-gpu} list when the output has no header, else
   *     empty
   * @throws InvalidInputException when a line has the wrong number of values, with its number
   */
  public static List<GpuStatus> parse(
      String text, List<String> fieldsWithoutHeader, String source) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    List<String> names;
    int first;
    if (fieldsWithoutHeader.isEmpty()) {
      if (lines.isEmpty()) {
        throw new InvalidInputException(source + ": empty nvidia-smi output");
      }
      names = new ArrayList<>();
      for (String h : lines.get(0).split(",")) {
        String n = h.trim();
        int unit = n.indexOf(" [");
        names.add(unit >= 0 ? n.substring(0, unit) : n);
      }
      first = 1;
    } else {
      names = List.copyOf(fieldsWithoutHeader);
      first = 0;
    }
    if (lines.size() > 0 && lines.get(0).startsWith("NVIDIA-SMI has failed")) {
      throw new InvalidInputException(
          source
              + ": "
              + lines.get(0).trim()
              + " (no driver answered; install the driver series"
              + " the GPU needs)");
    }
    List<GpuStatus> gpus = new ArrayList<>();
    for (int i = first; i < lines.size(); i++) {
      String[] values = lines.get(i).split(",", -1);
      if (values.length != names.size()) {
        throw new InvalidInputException(
            source
                + ": line "
                + (i + 1)
                + ": "
                + values.length
                + " values for "
                + names.size()
                + " fields "
                + names);
      }
      Map<String, String> f = new LinkedHashMap<>();
      for (int k = 0; k < values.length; k++) {
        String v = values[k].trim();
        if (!v.startsWith("[") && !v.isEmpty()) {
          f.put(names.get(k).toLowerCase(Locale.ROOT), v);
        }
      }
      gpus.add(new GpuStatus(f));
    }
    if (gpus.isEmpty()) {
      throw new InvalidInputException(source + ": nvidia-smi listed no GPU");
    }
    return List.copyOf(gpus);
  }

  /** A field's number without its unit ({@code "15360 MiB" -> 15360}), when numeric. */
  public Optional<Double> number(String name) {
    return field(name)
        .flatMap(
            v -> {
              String head = v.split("\\s+")[0];
              try {
                return Optional.of(Double.parseDouble(head));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  /** GPU {@code i}'s numeric fields as metrics {@code gpuI.FIELD}; utilisation higher is better. */
  public static Measurements measurements(List<GpuStatus> gpus) {
    List<Metric> m = new ArrayList<>();
    for (int i = 0; i < gpus.size(); i++) {
      GpuStatus g = gpus.get(i);
      for (String k : g.fields().keySet()) {
        if (k.equals("index") || k.equals("driver_version") || k.equals("pci.bus_id")) {
          continue;
        }
        final int gpu = i;
        g.number(k)
            .ifPresent(
                v ->
                    m.add(
                        new Metric(
                            "gpu" + gpu + "." + k,
                            unit(g.fields().getOrDefault(k, "")),
                            k.startsWith("utilization") || k.startsWith("clocks"),
                            v)));
      }
    }
    return new Measurements("nvidia-smi", m);
  }

  private static String unit(String value) {
    String[] parts = value.trim().split("\\s+", 2);
    return parts.length == 2 ? parts[1] : "";
  }
}
