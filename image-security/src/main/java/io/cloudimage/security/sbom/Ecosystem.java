package io.cloudimage.security.sbom;

import io.cloudimage.security.sbom.version.VersionOrdering;

/** The packaging system a component came from; it fixes the package URL type and version order. */
public enum Ecosystem {
  /** Debian packages installed by dpkg. */
  DEB("deb", VersionOrdering.DEBIAN),
  /** RPM packages from the rpm database. */
  RPM("rpm", VersionOrdering.RPM),
  /** Alpine packages from the apk database. */
  APK("apk", VersionOrdering.APK),
  /** Anything else an SBOM read from another tool lists (npm, maven, generic...). */
  OTHER("generic", VersionOrdering.SEMVER);

  private final String purlType;
  private final VersionOrdering ordering;

  Ecosystem(String purlType, VersionOrdering ordering) {
    this.purlType = purlType;
    this.ordering = ordering;
  }

  /** The package URL type, such as {@code deb}. */
  public String purlType() {
    return purlType;
  }

  /** How this ecosystem orders versions. */
  public VersionOrdering ordering() {
    return ordering;
  }

  /** The ecosystem of a package URL type; {@link #OTHER} for any type but deb, rpm and apk. */
  public static Ecosystem ofPurlType(String type) {
    for (Ecosystem e : values()) {
      if (e != OTHER && e.purlType.equalsIgnoreCase(type)) {
        return e;
      }
    }
    return OTHER;
  }
}
