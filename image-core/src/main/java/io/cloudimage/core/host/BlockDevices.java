package io.cloudimage.core.host;

import io.cloudimage.core.model.guest.DeviceBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Block devices from {@code /sys/block} (loop, ram and zram devices left out), with NVMe serials
 * ({@code /sys/class/nvme/*}{@code /serial}, or the device's own {@code device/serial}) and md RAID
 * membership from {@code /proc/mdstat}.
 */
public final class BlockDevices {
  private BlockDevices() {}

  /** The host's disks. */
  public static List<DeviceBinding> read(HostFiles host, Consumer<String> warnings) {
    String mdstat = host.readQuietly("/proc/mdstat");
    Map<String, String> raid = mdstat == null ? Map.of() : parseMdstat(mdstat);
    Map<String, String> serials = new HashMap<>();
    for (String ctrl : host.list("/sys/class/nvme")) {
      String serial = host.readQuietly("/sys/class/nvme/" + ctrl + "/serial");
      if (serial != null) {
        serials.put(ctrl, serial);
      }
    }
    List<DeviceBinding> out = new ArrayList<>();
    List<String> names = host.list("/sys/block");
    if (names.isEmpty()) {
      warnings.accept("no block devices listed in /sys/block");
    }
    for (String name : names) {
      if (name.startsWith("loop") || name.startsWith("ram") || name.startsWith("zram")) {
        continue;
      }
      long sectors =
          Cgroups.number(
              host.readQuietly("/sys/block/" + name + "/size"),
              "/sys/block/" + name + "/size",
              warnings);
      String serial = host.readQuietly("/sys/block/" + name + "/device/serial");
      if (serial == null && name.startsWith("nvme")) {
        int n = name.indexOf('n', 4);
        serial = serials.get(n > 0 ? name.substring(0, n) : name);
      }
      String member = raid.get(name);
      out.add(
          new DeviceBinding(
              "/dev/" + name,
              Math.max(0, sectors) * 512,
              null,
              null,
              false,
              null,
              0,
              0,
              serial == null || serial.isEmpty() ? null : serial,
              member));
    }
    return out;
  }

  /**
   * Which array each member device belongs to, from {@code /proc/mdstat} lines such as {@code md0 :
   * active raid1 nvme1n1[1] nvme0n1[0]}; a partition member counts for its disk too.
   */
  public static Map<String, String> parseMdstat(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("md")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 4 || !f[1].equals(":")) {
        continue;
      }
      for (int i = 3; i < f.length; i++) {
        int bracket = f[i].indexOf('[');
        if (bracket > 0) {
          String dev = f[i].substring(0, bracket);
          out.put(dev, f[0]);
          // nvme0n1p2 and mmcblk0p1 name their disk before "p"; sda2 and vdb1 before the digits.
          String disk =
              dev.matches(".*\\dp\\d+")
                  ? dev.replaceFirst("p\\d+$", "")
                  : dev.replaceFirst("(?<=[a-z])\\d+$", "");
          out.putIfAbsent(disk, f[0]);
        }
      }
    }
    return out;
  }
}
