package io.cloudimage.bench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What {@code iostat -x -o JSON [interval count]} (sysstat) printed: one sample per report, each
 * with the CPU split and every device's extended statistics. The first sample covers the time since
 * boot; later ones cover their interval.
 *
 * @param host the host's name
 * @param samples the reports in order
 */
public record IostatReport(String host, List<IostatReport.Sample> samples) {
  /**
   * One report.
   *
   * @param cpu the {@code avg-cpu} percentages: {@code user}, {@code system}, {@code iowait},
   *     {@code idle}...
   * @param devices each device's fields, by device
   */
  public record Sample(Map<String, Double> cpu, Map<String, Device> devices) {
    /** Copies the maps. */
    public Sample {
      cpu = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cpu));
      devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    }
  }

  /**
   * One device's extended statistics, keyed as iostat names them ({@code r/s}, {@code w/s}, {@code
   * rkB/s}, {@code r_await}, {@code aqu-sz}, and {@code util}, which older sysstat calls {@code
   * %util}).
   *
   * @param name the device, such as {@code nvme0n1}
   * @param fields the values
   */
  public record Device(String name, Map<String, Double> fields) {
    /** Copies the map. */
    public Device {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The field, when iostat reported it. */
    public OptionalDouble field(String key) {
      Double v = fields.get(key);
      return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The utilisation in percent, whichever sysstat version wrote it. */
    public OptionalDouble utilisation() {
      OptionalDouble u = field("util");
      return u.isPresent() ? u : field("%util");
    }
  }

  /** Copies the list. */
  public IostatReport {
    samples = List.copyOf(samples);
  }

  /**
   * Parses iostat's JSON.
   *
   * @throws InvalidInputException when truncated or not iostat's, with the offset or the field
   */
  public static IostatReport parse(String text, String source) {
    JsonNode root = Json.read(text, source);
    JsonNode hosts = root.path("sysstat").path("hosts");
    if (!hosts.isArray() || hosts.isEmpty()) {
      throw new InvalidInputException(
          source + ": not iostat output: expected sysstat.hosts[]; run iostat -x -o JSON");
    }
    JsonNode host = hosts.get(0);
    JsonNode stats = host.path("statistics");
    if (!stats.isArray()) {
      throw new InvalidInputException(source + ": sysstat.hosts[0].statistics is missing");
    }
    List<Sample> samples = new ArrayList<>();
    int i = 0;
    for (JsonNode s : stats) {
      String where = source + ": statistics[" + i++ + "]";
      Map<String, Double> cpu = numbers(s.path("avg-cpu"), where + ".avg-cpu");
      Map<String, Device> devices = new LinkedHashMap<>();
      int d = 0;
      for (JsonNode dev : s.path("disk")) {
        String at = where + ".disk[" + d++ + "]";
        String name = Json.text(dev, "disk_device", at);
        Map<String, Double> fields = numbers(dev, at);
        devices.put(name, new Device(name, fields));
      }
      samples.add(new Sample(cpu, devices));
    }
    if (samples.isEmpty()) {
      throw new InvalidInputException(source + ": iostat printed no report");
    }
    return new IostatReport(host.path("nodename").asText(""), samples);
  }

  private static Map<String, Double> numbers(JsonNode obj, String where) {
    Map<String, Double> m = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNumber()) {
        m.put(e.getKey(), e.getValue().asDouble());
      } else if (!e.getValue().isTextual()) {
        throw new InvalidInputException(where + "." + e.getKey() + " is not a number");
      }
    }
    return m;
  }

  /**
   * From the last sample (the first covers the time since boot when there are more): {@code
   * cpu.iowait} and {@code DEVICE.util}, {@code DEVICE.r_await}, {@code DEVICE.w_await} (lower is
   * better), {@code DEVICE.r/s}, {@code DEVICE.w/s}, {@code DEVICE.rkB/s}, {@code DEVICE.wkB/s}
   * (higher is better).
   */
  public Measurements measurements() {
    Sample last = samples.get(samples.size() - 1);
    List<Metric> m = new ArrayList<>();
    Double iowait = last.cpu().get("iowait");
    if (iowait != null) {
      m.add(new Metric("cpu.iowait", "%", false, iowait));
    }
    for (Device d : last.devices().values()) {
      String p = d.name() + ".";
      d.utilisation().ifPresent(v -> m.add(new Metric(p + "util", "%", false, v)));
      for (String k : List.of("r_await", "w_await")) {
        d.field(k).ifPresent(v -> m.add(new Metric(p + k, "ms", false, v)));
      }
      for (String k : List.of("r/s", "w/s")) {
        d.field(k).ifPresent(v -> m.add(new Metric(p + k, "IOPS", true, v)));
      }
      for (String k : List.of("rkB/s", "wkB/s")) {
        d.field(k).ifPresent(v -> m.add(new Metric(p + k, "kB/s", true, v)));
      }
    }
    return new Measurements("iostat", m);
  }
}
