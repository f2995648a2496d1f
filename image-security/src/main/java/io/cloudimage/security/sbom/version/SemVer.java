package io.cloudimage.security.sbom.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic versioning 2.0 precedence: major, minor and patch numerically, a pre-release before its
 * release, pre-release identifiers compared numerically or in ASCII order, build metadata ignored.
 * A leading {@code v} and missing minor or patch numbers are accepted; anything that is not a
 * semantic version at all is compared with {@link RpmVersion#rpmvercmp}.
 */
public final class SemVer {
  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

  private SemVer() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    Matcher x = SEMVER.matcher(a.strip());
    Matcher y = SEMVER.matcher(b.strip());
    if (!x.matches() || !y.matches()) {
      return RpmVersion.rpmvercmp(a, b);
    }
    for (int g = 1; g <= 3; g++) {
      int c = numeric(group(x, g), group(y, g));
      if (c != 0) {
        return c;
      }
    }
    String pa = x.group(4);
    String pb = y.group(4);
    if (pa == null || pb == null) {
      return pa == null ? (pb == null ? 0 : 1) : -1;
    }
    String[] ia = pa.split("\\.");
    String[] ib = pb.split("\\.");
    for (int k = 0; k < Math.min(ia.length, ib.length); k++) {
      boolean na = ia[k].chars().allMatch(Character::isDigit);
      boolean nb = ib[k].chars().allMatch(Character::isDigit);
      int c;
      if (na && nb) {
        c = numeric(ia[k], ib[k]);
      } else if (na || nb) {
        c = na ? -1 : 1;
      } else {
        c = Integer.signum(ia[k].compareTo(ib[k]));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ia.length, ib.length);
  }

  private static String group(Matcher m, int g) {
    String s = m.group(g);
    return s == null ? "0" : s;
  }

  private static int numeric(String a, String b) {
    String x = a.replaceFirst("^0+(?=.)", "");
    String y = b.replaceFirst("^0+(?=.)", "");
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }
}
