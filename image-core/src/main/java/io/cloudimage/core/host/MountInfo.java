package io.cloudimage.core.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses {@code /proc/self/mountinfo} (proc(5)): one mount per line. */
public final class MountInfo {
  private MountInfo() {}

  /**
   * One mount.
   *
   * @param mountPoint where it is mounted, with octal escapes ({@code \040}) decoded
   * @param fsType the filesystem type, such as {@code ext4}
   * @param source the mount source, such as {@code /dev/vda1}
   */
  public record Mount(String mountPoint, String fsType, String source) {}

  /** The mounts in {@code text}; a line without the {@code -} separator is warned about. */
  public static List<Mount> parse(String text, Consumer<String> warnings) {
    List<Mount> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ");
      int dash = -1;
      for (int k = 6; k < f.length; k++) {
        if (f[k].equals("-")) {
          dash = k;
          break;
        }
      }
      if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
        warnings.accept("mountinfo line " + (i + 1) + " is not in the proc(5) format, skipped");
        continue;
      }
      out.add(new Mount(unescape(f[4]), f[dash + 1], unescape(f[dash + 2])));
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        String oct = s.substring(i + 1, Math.min(i + 4, s.length()));
        if (oct.length() == 3 && oct.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
          out.append((char) Integer.parseInt(oct, 8));
          i += 3;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
