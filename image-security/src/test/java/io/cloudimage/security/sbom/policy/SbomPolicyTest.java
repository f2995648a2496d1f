package io.cloudimage.security.sbom.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.sbom.Component;
import io.cloudimage.security.sbom.Ecosystem;
import io.cloudimage.security.sbom.OsRelease;
import io.cloudimage.security.sbom.PackageUrl;
import io.cloudimage.security.sbom.Sbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;

  private static Component deb(String name, String version, String license, Instant installed) {
    return new Component(
        Ecosystem.DEB,
        name,
        version,
        "amd64",
        null,
        null,
        null,
        List.of(license),
        PackageUrl.of("deb", "debian", name, version, Map.of("arch", "amd64")),
        installed);
  }

  private static final Sbom SBOM =
      new Sbom(
          "root",
          OsRelease.UNKNOWN,
          List.of(
              deb("openssl", "3.0.11-1~deb12u2", "Apache-2.0", NOW.minusSeconds(86_400)),
              deb("telnetd", "0.17-44", "BSD-4-clause", NOW.minusSeconds(86_400)),
              deb("ghostscript", "10.0.0~dfsg-11", "AGPL-3+", NOW.minusSeconds(86_400 * 800L))),
          List.of(),
          NOW);

  @Test
  void reportsEveryViolationNotJustTheFirst() {
    SbomPolicy policy =
        SbomPolicy.builder()
            .deny("telnetd")
            .minimumVersion("openssl", "3.0.15-1~deb12u1")
            .denyLicense("AGPL-3+")
            .allowLicense("Apache-2.0")
            .allowLicense("AGPL-3+")
            .maxAge(java.time.Duration.ofDays(365))
            .clock(CLOCK)
            .build();

    PolicyReport report = policy.check(SBOM);

    assertThat(report.passed()).isFalse();
    assertThat(report.violations())
        .extracting(Violation::rule)
        .containsExactly(
            "minimum-version", "denied", "license-not-allowed", "license-denied", "max-age");
  }

  @Test
  void passesWhenNothingIsBroken() {
    SbomPolicy policy = SbomPolicy.builder().minimumVersion("openssl", "3.0.11-1~deb12u1").build();
    assertThat(policy.check(SBOM).passed()).isTrue();
  }

  @Test
  void readsAPolicyFileAndRefusesUnknownFields() throws IOException {
    Path file = tmp.resolve("policy.json");
    Files.writeString(
        file,
        "{\"deny\":[\"telnetd\"],\"minimumVersions\":{\"openssl\":\"3.0.15\"},"
            + "\"licenses\":{\"deny\":[\"agpl-3+\"]},\"maxAge\":\"P365D\"}");
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"denied\":[\"telnetd\"]}");

    PolicyReport report = SbomPolicy.read(file, CLOCK).check(SBOM);

    assertThat(report.violations())
        .extracting(Violation::rule)
        .containsExactly("minimum-version", "denied", "license-denied", "max-age");
    assertThatThrownBy(() -> SbomPolicy.read(bad, CLOCK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown field \"denied\"");
  }
}
