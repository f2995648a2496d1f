package io.cloudimage.security.sbom;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One installed binary package. The source package it was built from is a property of the binary
 * package, never a component of its own, so an SBOM counts what is installed.
 *
 * @param ecosystem where it came from
 * @param name the binary package name, such as {@code libssl3}
 * @param version the version as the package manager states it, such as {@code 3.0.17-1~deb12u2}
 * @param architecture the architecture, such as {@code amd64}, {@code all} or {@code x86_64}, or
 *     empty when not stated
 * @param sourceName the source package, such as {@code openssl}, or {@code null} when the same as
 *     the name or not stated
 * @param sourceVersion the source package's version when it differs from {@code version}, or {@code
 *     null}
 * @param supplier who supplies it (the Debian maintainer, the rpm vendor or packager), or {@code
 *     null}
 * @param licenses the licences as the distribution states them machine-readably (short names from a
 *     DEP-5 copyright file, the rpm or apk licence field); empty when not stated
 * @param purl the package URL
 * @param installed when it was installed (or, for apk, built), or {@code null} when unknown; the
 *     age policy gate reads it
 */
public record Component(
    Ecosystem ecosystem,
    String name,
    String version,
    String architecture,
    @Nullable String sourceName,
    @Nullable String sourceVersion,
    @Nullable String supplier,
    List<String> licenses,
    PackageUrl purl,
    @Nullable Instant installed) {
  public Component {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(purl, "purl");
    licenses = List.copyOf(licenses);
  }

  /**
   * What identifies the package across two SBOMs regardless of version: ecosystem, name and
   * architecture ({@code deb:libssl3:amd64}).
   */
  public String key() {
    return ecosystem.purlType() + ":" + name + (architecture.isEmpty() ? "" : ":" + architecture);
  }

  /** This component with another version (and so another package URL version). */
  public Component withVersion(String newVersion) {
    PackageUrl p =
        PackageUrl.of(purl.type(), purl.namespace(), purl.name(), newVersion, purl.qualifiers());
    return new Component(
        ecosystem,
        name,
        newVersion,
        architecture,
        sourceName,
        sourceVersion,
        supplier,
        licenses,
        p,
        installed);
  }

  /**
   * A component as an SBOM document describes it: the ecosystem and architecture come from the
   * package URL (its type and {@code arch} qualifier) when the document does not say; without a
   * package URL, a {@code generic} one is made from the name and version.
   */
  public static Component described(
      String name,
      String version,
      @Nullable PackageUrl purl,
      @Nullable String architecture,
      @Nullable String sourceName,
      @Nullable String sourceVersion,
      @Nullable String supplier,
      List<String> licenses,
      @Nullable Instant installed) {
    PackageUrl p =
        purl != null ? purl : PackageUrl.of("generic", null, name, version, java.util.Map.of());
    String arch = architecture;
    if (arch == null) {
      arch = p.qualifiers().getOrDefault("arch", "");
    }
    String v = version;
    String epoch = p.qualifiers().get("epoch");
    if (p.type().equals("rpm") && epoch != null && !v.startsWith(epoch + ":")) {
      v = epoch + ":" + v;
    }
    return new Component(
        Ecosystem.ofPurlType(p.type()),
        name,
        v,
        arch,
        sourceName,
        sourceVersion,
        supplier,
        licenses,
        p,
        installed);
  }
}
