package io.cloudimage.security.sbom.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionOrderingTest {
  @ParameterizedTest
  @CsvSource({
    "1.0~rc1-1, 1.0-1, -1",
    "1.0-1, 1.0-1, 0",
    "1:0.9, 2.0, 1",
    "1.0, 1.0-0, 0",
    "2.30-1, 2.4-1, 1",
    "1.0a, 1.0+, -1",
    "1.0~~, 1.0~, -1",
  })
  void ordersDebianVersions(String a, String b, int expected) {
    assertThat(Integer.signum(VersionOrdering.DEBIAN.compare(a, b))).isEqualTo(expected);
  }

  // Cases from rpm's own rpmvercmp test suite.
  @ParameterizedTest
  @CsvSource({
    "1.0, 1.0, 0",
    "1.0, 2.0, -1",
    "2.0.1, 2.0, 1",
    "2.0.1a, 2.0.1, 1",
    "5.5p1, 5.5p10, -1",
    "10xyz, 10.1xyz, -1",
    "xyz10, xyz10.1, -1",
    "1.0aa, 1.0a, 1",
    "1.0~rc1, 1.0, -1",
    "1.0~rc1, 1.0~rc2, -1",
    "1.0^, 1.0, 1",
    "1.0^git1, 1.0.1, -1",
    "a, 1, -1",
    "1:1.0-1, 2.0-1, 1",
    "1.0-2, 1.0-10, -1",
  })
  void ordersRpmVersions(String a, String b, int expected) {
    assertThat(Integer.signum(VersionOrdering.RPM.compare(a, b))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0.0-alpha, 1.0.0-alpha.1, -1",
    "1.0.0-alpha.1, 1.0.0-alpha.beta, -1",
    "1.0.0-beta.11, 1.0.0-rc.1, -1",
    "1.0.0-rc.1, 1.0.0, -1",
    "1.0.0+build.5, 1.0.0, 0",
    "v2.10.0, 2.9.9, 1",
    "1.2, 1.2.0, 0",
  })
  void ordersSemanticVersions(String a, String b, int expected) {
    assertThat(Integer.signum(VersionOrdering.SEMVER.compare(a, b))).isEqualTo(expected);
  }
}
