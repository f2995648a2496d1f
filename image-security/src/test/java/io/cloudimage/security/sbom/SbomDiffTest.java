package io.cloudimage.security.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SbomDiffTest {
  static Component deb(String name, String version) {
    return new Component(
        Ecosystem.DEB,
        name,
        version,
        "amd64",
        null,
        null,
        null,
        List.of(),
        PackageUrl.of("deb", "debian", name, version, Map.of("arch", "amd64")),
        null);
  }

  static Component rpm(String name, String version) {
    return new Component(
        Ecosystem.RPM,
        name,
        version,
        "x86_64",
        null,
        null,
        null,
        List.of(),
        PackageUrl.of("rpm", "fedora", name, version, Map.of("arch", "x86_64")),
        null);
  }

  static Sbom sbom(Component... c) {
    return new Sbom("root", OsRelease.UNKNOWN, List.of(c), List.of(), Instant.EPOCH);
  }

  @Test
  void reportsAddedRemovedAndChangedPackages() {
    Sbom older = sbom(deb("openssl", "3.0.11-1~deb12u2"), deb("telnet", "0.17-44"));
    Sbom newer = sbom(deb("openssl", "3.0.17-1~deb12u2"), deb("curl", "7.88.1-10"));

    SbomDiff diff = SbomDiff.between(older, newer);

    assertThat(diff.added()).extracting(SbomDiff.Entry::name).containsExactly("curl");
    assertThat(diff.removed()).extracting(SbomDiff.Entry::name).containsExactly("telnet");
    assertThat(diff.changed())
        .containsExactly(
            new SbomDiff.Change(
                "openssl", "3.0.11-1~deb12u2", "3.0.17-1~deb12u2", "deb:openssl:amd64", true));
    assertThat(diff.toJson())
        .contains("\"added\"", "\"removed\"", "\"changed\"", "\"from\"", "\"to\"");
  }

  @Test
  void ordersVersionsByEachEcosystemsRules() {
    // Debian: a ~ pre-release sorts before the release, so this is an upgrade.
    SbomDiff deb = SbomDiff.between(sbom(deb("x", "1.0~rc1-1")), sbom(deb("x", "1.0-1")));
    // RPM: an epoch outweighs everything after it, so 1:1.0 to 2.0 is a downgrade.
    SbomDiff rpm = SbomDiff.between(sbom(rpm("y", "1:1.0-1")), sbom(rpm("y", "2.0-1")));

    assertThat(deb.changed().get(0).upgrade()).isTrue();
    assertThat(rpm.changed().get(0).upgrade()).isFalse();
  }

  @Test
  void identicalSbomsHaveNoDifferences() {
    Sbom s = SbomGenerator.generate(Roots.fixture("debroot"));
    assertThat(SbomDiff.between(s, s).isEmpty()).isTrue();
  }

  @Test
  void reportsLsbComplianceWithTheMissingFields() {
    OsCompliance debian = OsCompliance.of(SbomGenerator.generate(Roots.fixture("debroot")).os());
    OsCompliance alpine = OsCompliance.of(SbomGenerator.generate(Roots.fixture("apkroot")).os());

    assertThat(debian.compliant()).isTrue();
    assertThat(debian.distributorId()).isEqualTo("Debian");
    assertThat(debian.codename()).isEqualTo("bookworm");
    assertThat(alpine.compliant()).isFalse();
    assertThat(alpine.distributorId()).isEqualTo("Alpine");
    assertThat(alpine.missing()).containsExactly("/etc/os-release:VERSION_CODENAME");
  }
}
