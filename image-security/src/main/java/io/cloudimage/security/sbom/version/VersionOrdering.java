package io.cloudimage.security.sbom.version;

import java.util.Comparator;

/** How an ecosystem orders its versions, as a comparator of version strings. */
public enum VersionOrdering implements Comparator<String> {
  /** Debian and Ubuntu packages: {@link DebianVersion}. */
  DEBIAN {
    @Override
    public int compare(String a, String b) {
      return DebianVersion.compare(a, b);
    }
  },
  /** RPM packages: {@link RpmVersion}. */
  RPM {
    @Override
    public int compare(String a, String b) {
      return RpmVersion.compare(a, b);
    }
  },
  /**
   * Alpine packages: {@code rpmvercmp} over the whole version, which orders apk's {@code 1.2.3-r4}
   * versions as apk does in all but its rarely used suffixes ({@code _alpha}, {@code _p}).
   */
  APK {
    @Override
    public int compare(String a, String b) {
      return RpmVersion.rpmvercmp(a, b);
    }
  },
  /** Semantic versions: {@link SemVer}. */
  SEMVER {
    @Override
    public int compare(String a, String b) {
      return SemVer.compare(a, b);
    }
  }
}
