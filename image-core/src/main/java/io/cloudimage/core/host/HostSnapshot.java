package io.cloudimage.core.host;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cloudimage.core.model.guest.CgroupState;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.model.guest.FilesystemInfo;
import io.cloudimage.core.model.guest.NetworkState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a capture found on a host, in the model's types.
 *
 * @param filesystems the mounted block-device filesystems
 * @param cgroups the root cgroup and its top-level slices (cgroup v2)
 * @param devices the disks
 * @param network interfaces and routes
 * @param nvidiaGpus PCI addresses of NVIDIA devices
 * @param warnings what could not be read; the rest is still there
 */
public record HostSnapshot(
    List<FilesystemInfo> filesystems,
    List<CgroupState> cgroups,
    List<DeviceBinding> devices,
    NetworkState network,
    List<String> nvidiaGpus,
    List<String> warnings) {
  private static final JsonFactory JSON = new JsonFactory();

  public HostSnapshot {
    filesystems = List.copyOf(filesystems);
    cgroups = List.copyOf(cgroups);
    devices = List.copyOf(devices);
    nvidiaGpus = List.copyOf(nvidiaGpus);
    warnings = List.copyOf(warnings);
  }

  /**
   * As JSON: {@code {"filesystems":[{"type","uuid","label","mountPoint","sizeBytes","usedBytes"}],
   * "cgroups":[{"path","controllers","cpuQuotaMicros","cpuPeriodMicros","memoryLimitBytes"}],
   * "devices":[{"deviceName","sizeBytes","nvmeSerial","raidMember"}],
   * "network":{"interfaces":[{"name","mac","addresses"}],"routes":[{"destination","gateway","device"}]},
   * "gpu":{"nvidia":[..]},"warnings":[..]}}}.
   */
  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeArrayFieldStart("filesystems");
      for (FilesystemInfo f : filesystems) {
        g.writeStartObject();
        g.writeStringField("type", f.type());
        g.writeStringField("uuid", f.uuid());
        g.writeStringField("label", f.label());
        g.writeStringField("mountPoint", f.mountPoint());
        g.writeNumberField("sizeBytes", f.sizeBytes());
        g.writeNumberField("usedBytes", f.usedBytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("cgroups");
      for (CgroupState c : cgroups) {
        g.writeStartObject();
        g.writeStringField("path", c.path());
        g.writeArrayFieldStart("controllers");
        for (String s : c.controllers()) {
          g.writeString(s);
        }
        g.writeEndArray();
        g.writeNumberField("cpuQuotaMicros", c.cpuQuotaMicros());
        g.writeNumberField("cpuPeriodMicros", c.cpuPeriodMicros());
        g.writeNumberField("memoryLimitBytes", c.memoryLimitBytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("devices");
      for (DeviceBinding d : devices) {
        g.writeStartObject();
        g.writeStringField("deviceName", d.deviceName());
        g.writeNumberField("sizeBytes", d.volumeSizeBytes());
        g.writeStringField("nvmeSerial", d.nvmeSerial());
        g.writeStringField("raidMember", d.raidMember());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("network");
      g.writeArrayFieldStart("interfaces");
      for (NetworkState.Interface i : network.interfaces()) {
        g.writeStartObject();
        g.writeStringField("name", i.name());
        g.writeStringField("mac", i.mac());
        g.writeArrayFieldStart("addresses");
        for (String a : i.addresses()) {
          g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("routes");
      for (NetworkState.Route r : network.routes()) {
        g.writeStartObject();
        g.writeStringField("destination", r.destination());
        g.writeStringField("gateway", r.gateway());
        g.writeStringField("device", r.device());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("gpu");
      g.writeArrayFieldStart("nvidia");
      for (String s : nvidiaGpus) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("warnings");
      for (String w : warnings) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
