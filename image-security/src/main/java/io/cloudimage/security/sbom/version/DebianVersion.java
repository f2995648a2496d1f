package io.cloudimage.security.sbom.version;

import java.math.BigInteger;

/**
 * Debian version comparison as dpkg does it ({@code deb-version(7)}): the epoch numerically, then
 * the upstream version and the Debian revision, each by alternating non-digit parts (letters before
 * other characters, {@code ~} before anything, even the end) and digit parts (numerically).
 */
public final class DebianVersion {
  private DebianVersion() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    String[] x = split(a.strip());
    String[] y = split(b.strip());
    int c = new BigInteger(x[0]).compareTo(new BigInteger(y[0]));
    if (c != 0) {
      return c;
    }
    c = verrevcmp(x[1], y[1]);
    if (c != 0) {
      return Integer.signum(c);
    }
    return Integer.signum(verrevcmp(x[2], y[2]));
  }

  /** Epoch (digits, "0" when absent or not a number), upstream version, revision. */
  private static String[] split(String v) {
    String epoch = "0";
    int colon = v.indexOf(':');
    if (colon >= 0) {
      String e = v.substring(0, colon);
      if (!e.isEmpty() && e.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        epoch = e;
      }
      v = v.substring(colon + 1);
    }
    int dash = v.lastIndexOf('-');
    if (dash < 0) {
      return new String[] {epoch, v, ""};
    }
    return new String[] {epoch, v.substring(0, dash), v.substring(dash + 1)};
  }

  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static boolean digit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  private static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      int firstDiff = 0;
      while ((i < a.length() && !digit(a, i)) || (j < b.length() && !digit(b, j))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      while (digit(a, i) && digit(b, j)) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (digit(a, i)) {
        return 1;
      }
      if (digit(b, j)) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }
}
