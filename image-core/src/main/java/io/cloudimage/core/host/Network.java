package io.cloudimage.core.host;

import io.cloudimage.core.model.guest.NetworkState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Network state from {@code /sys/class/net} (interfaces, MACs), {@code /proc/net/if_inet6} (IPv6
 * addresses), {@code /proc/net/fib_trie} (local IPv4 addresses, given their prefix by the link
 * route that holds them), {@code /proc/net/route} and {@code /proc/net/ipv6_route}. The loopback
 * interface is left out: every image has it.
 */
public final class Network {
  private Network() {}

  /** The host's interfaces and routes. */
  public static NetworkState read(HostFiles host, Consumer<String> warnings) {
    String route = host.read("/proc/net/route", warnings);
    List<NetworkState.Route> routes = new ArrayList<>();
    List<long[]> links = new ArrayList<>(); // network, mask, device index in names
    List<String> linkDevices = new ArrayList<>();
    if (route != null) {
      for (String line : route.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || f[0].equals("Iface") || f[0].equals("lo")) {
          continue;
        }
        try {
          long dest = le(f[1]);
          long gw = le(f[2]);
          long mask = le(f[7]);
          int prefix = Long.bitCount(mask);
          routes.add(
              new NetworkState.Route(ipv4(dest) + "/" + prefix, gw == 0 ? "" : ipv4(gw), f[0]));
          if (gw == 0) {
            links.add(new long[] {dest, mask, prefix});
            linkDevices.add(f[0]);
          }
        } catch (NumberFormatException e) {
          warnings.accept("/proc/net/route: line not in hex: " + line.strip());
        }
      }
    }
    String route6 = host.readQuietly("/proc/net/ipv6_route");
    if (route6 != null) {
      for (String line : route6.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || f[9].equals("lo")) {
          continue;
        }
        String gw = ipv6(f[4]);
        routes.add(
            new NetworkState.Route(
                ipv6(f[0]) + "/" + Integer.parseInt(f[1], 16), gw.equals("::") ? "" : gw, f[9]));
      }
    }
    Map<String, Set<String>> addresses = new LinkedHashMap<>();
    String trie = host.readQuietly("/proc/net/fib_trie");
    if (trie != null) {
      String last = null;
      for (String line : trie.split("\n")) {
        String t = line.strip();
        if (t.startsWith("|-- ")) {
          last = t.substring(4).strip();
        } else if (t.contains("/32 host LOCAL") && last != null && !last.startsWith("127.")) {
          long a = parseIpv4(last);
          for (int i = 0; i < links.size(); i++) {
            long[] l = links.get(i);
            if ((a & l[1]) == l[0]) {
              addresses
                  .computeIfAbsent(linkDevices.get(i), k -> new LinkedHashSet<>())
                  .add(last + "/" + l[2]);
              break;
            }
          }
        }
      }
    }
    String inet6 = host.readQuietly("/proc/net/if_inet6");
    if (inet6 != null) {
      for (String line : inet6.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 6 && !f[5].equals("lo")) {
          addresses
              .computeIfAbsent(f[5], k -> new LinkedHashSet<>())
              .add(ipv6(f[0]) + "/" + Integer.parseInt(f[2], 16));
        }
      }
    }
    List<NetworkState.Interface> interfaces = new ArrayList<>();
    List<String> names = host.list("/sys/class/net");
    if (names.isEmpty()) {
      warnings.accept("no interfaces listed in /sys/class/net");
    }
    for (String name : names) {
      if (name.equals("lo")) {
        continue;
      }
      String mac = host.readQuietly("/sys/class/net/" + name + "/address");
      interfaces.add(
          new NetworkState.Interface(
              name,
              mac == null ? "" : mac,
              new ArrayList<>(addresses.getOrDefault(name, Set.of()))));
    }
    return new NetworkState(interfaces, routes);
  }

  /** A little-endian hex IPv4 value as /proc/net/route writes it. */
  private static long le(String hex) {
    long v = Long.parseLong(hex, 16);
    return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | ((v >> 24) & 0xff);
  }

  private static String ipv4(long v) {
    return ((v >> 24) & 0xff)
        + "."
        + ((v >> 16) & 0xff)
        + "."
        + ((v >> 8) & 0xff)
        + "."
        + (v & 0xff);
  }

  private static long parseIpv4(String s) {
    String[] p = s.split("\\.");
    if (p.length != 4) {
      return -1;
    }
    long v = 0;
    for (String x : p) {
      v = (v << 8) | Integer.parseInt(x);
    }
    return v;
  }

  /** 32 hex digits to the compressed IPv6 text form. */
  static String ipv6(String hex) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = Integer.parseInt(hex.substring(i * 4, i * 4 + 4), 16);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i > 1) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      out.append(Integer.toHexString(groups[i]));
      if (i < 7) {
        out.append(':');
      }
    }
    return out.toString();
  }
}
