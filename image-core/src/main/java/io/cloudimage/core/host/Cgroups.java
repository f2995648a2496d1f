package io.cloudimage.core.host;

import io.cloudimage.core.model.guest.CgroupState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * cgroup v2 state: the enabled controllers and, for the root and each top-level slice, {@code
 * cpu.max} and {@code memory.max}. The unified hierarchy is at {@code /sys/fs/cgroup}, or at {@code
 * /sys/fs/cgroup/unified} on hosts in hybrid mode.
 */
public final class Cgroups {
  private Cgroups() {}

  /** The root cgroup and its top-level slices; empty (with a warning) without cgroup v2. */
  public static List<CgroupState> read(HostFiles host, Consumer<String> warnings) {
    String base = null;
    for (String candidate : List.of("/sys/fs/cgroup", "/sys/fs/cgroup/unified")) {
      if (host.readQuietly(candidate + "/cgroup.controllers") != null) {
        base = candidate;
        break;
      }
    }
    List<CgroupState> out = new ArrayList<>();
    if (base == null) {
      warnings.accept("no cgroup v2 hierarchy (cgroup.controllers) under /sys/fs/cgroup");
      return out;
    }
    String controllers = host.readQuietly(base + "/cgroup.controllers");
    List<String> enabled =
        controllers == null || controllers.isEmpty()
            ? List.of()
            : List.of(controllers.split("\\s+"));
    out.add(state(host, base, "/", enabled, warnings));
    for (String name : host.list(base)) {
      if (name.endsWith(".slice")) {
        String sub = host.readQuietly(base + "/" + name + "/cgroup.controllers");
        List<String> c = sub == null || sub.isEmpty() ? List.of() : List.of(sub.split("\\s+"));
        out.add(state(host, base + "/" + name, "/" + name, c, warnings));
      }
    }
    return out;
  }

  private static CgroupState state(
      HostFiles host, String dir, String path, List<String> controllers, Consumer<String> warn) {
    long quota = -1;
    long period = 100_000;
    String cpu = host.readQuietly(dir + "/cpu.max");
    if (cpu != null) {
      String[] f = cpu.split("\\s+");
      quota = number(f[0], dir + "/cpu.max", warn);
      if (f.length > 1) {
        long p = number(f[1], dir + "/cpu.max", warn);
        period = p > 0 ? p : period;
      }
    }
    long memory = -1;
    String mem = host.readQuietly(dir + "/memory.max");
    if (mem != null) {
      memory = number(mem, dir + "/memory.max", warn);
    }
    return new CgroupState(path, controllers, quota, period, memory);
  }

  /** A number, or -1 for {@code max} or anything unreadable (with a warning). */
  static long number(@Nullable String s, String where, Consumer<String> warn) {
    if (s == null || s.equals("max")) {
      return -1;
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      warn.accept(where + ": \"" + s + "\" is neither a number nor max");
      return -1;
    }
  }
}
