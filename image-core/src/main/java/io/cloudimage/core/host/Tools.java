package io.cloudimage.core.host;

import java.util.Map;

/**
 * The Debian package that provides each tool the benchmarks, checks and preparation steps run, so
 * that a missing tool's message can say how to install it.
 */
public final class Tools {
  private static final Map<String, String> PACKAGES =
      Map.ofEntries(
          Map.entry("fio", "fio"),
          Map.entry("stress-ng", "stress-ng"),
          Map.entry("iostat", "sysstat"),
          Map.entry("systemd-analyze", "systemd"),
          Map.entry("cloud-init", "cloud-init"),
          Map.entry("wrk", "wrk"),
          Map.entry("jmeter", "jmeter"),
          Map.entry("sshd", "openssh-server"),
          Map.entry("nvidia-smi", "nvidia-smi"),
          Map.entry("fsck", "util-linux"));

  private Tools() {}

  /** How to install {@code program} on Debian or Ubuntu, such as {@code apt-get install fio}. */
  public static String installHint(String program) {
    String name = program.contains("/") ? program.substring(program.lastIndexOf('/') + 1) : program;
    String pkg = PACKAGES.getOrDefault(name, name);
    return "install it with `apt-get install " + pkg + "` (Debian/Ubuntu) or put it on PATH";
  }
}
