package io.cloudimage.security.sbom.version;

/**
 * RPM version comparison: {@code rpmvercmp} on each of epoch, version and release of an {@code
 * [epoch:]version[-release]} string. Runs of letters and runs of digits are compared in turn
 * (digits numerically, and a digit run is newer than a letter run); other characters only separate;
 * {@code ~} sorts before everything and {@code ^} after the end but before anything else.
 */
public final class RpmVersion {
  private RpmVersion() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    String[] x = evr(a.strip());
    String[] y = evr(b.strip());
    for (int k = 0; k < 3; k++) {
      int c = rpmvercmp(x[k], y[k]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static String[] evr(String v) {
    String epoch = "0";
    int colon = v.indexOf(':');
    if (colon >= 0) {
      epoch = v.substring(0, colon);
      v = v.substring(colon + 1);
    }
    int dash = v.lastIndexOf('-');
    if (dash < 0) {
      return new String[] {epoch, v, ""};
    }
    return new String[] {epoch, v.substring(0, dash), v.substring(dash + 1)};
  }

  private static boolean alnum(char c) {
    return Character.isLetterOrDigit(c) && c < 128;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** rpm's {@code rpmvercmp}: -1, 0 or 1. */
  public static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while (i < la && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < lb && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i >= la) {
          return -1;
        }
        if (j >= lb) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= la || j >= lb) {
        break;
      }
      int si = i;
      int sj = j;
      boolean num = isDigit(a.charAt(i));
      if (num) {
        while (i < la && isDigit(a.charAt(i))) {
          i++;
        }
        while (j < lb && isDigit(b.charAt(j))) {
          j++;
        }
      } else {
        while (i < la && isAlpha(a.charAt(i))) {
          i++;
        }
        while (j < lb && isAlpha(b.charAt(j))) {
          j++;
        }
      }
      if (si == i) {
        return -1;
      }
      if (sj == j) {
        return num ? 1 : -1;
      }
      String pa = a.substring(si, i);
      String pb = b.substring(sj, j);
      if (num) {
        pa = stripZeros(pa);
        pb = stripZeros(pb);
        if (pa.length() != pb.length()) {
          return pa.length() > pb.length() ? 1 : -1;
        }
      }
      int c = pa.compareTo(pb);
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    boolean restA = i < la;
    boolean restB = j < lb;
    if (!restA && !restB) {
      return 0;
    }
    return restA ? 1 : -1;
  }

  private static String stripZeros(String s) {
    int k = 0;
    while (k < s.length() - 1 && s.charAt(k) == '0') {
      k++;
    }
    return s.substring(k);
  }
}
