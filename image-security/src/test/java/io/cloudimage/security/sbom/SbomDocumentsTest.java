package io.cloudimage.security.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** Writing CycloneDX and SPDX, and reading what cdxgen and cyclonedx-core-java made. */
class SbomDocumentsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  private static Set<String> packages(Sbom sbom) {
    return sbom.components().stream()
        .map(c -> c.name() + "@" + c.version() + ":" + c.architecture())
        .collect(Collectors.toSet());
  }

  @Test
  void writesCycloneDx16ThatTheOfficialSchemaAccepts() throws Exception {
    Sbom sbom = SbomGenerator.generate(Roots.fixture("debroot"), CLOCK);
    byte[] json = sbom.toCycloneDxJson().getBytes(StandardCharsets.UTF_8);

    List<ParseException> problems = new JsonParser().validate(json, Version.VERSION_16);

    assertThat(problems).isEmpty();
    Bom bom = new JsonParser().parse(json);
    assertThat(bom.getComponents()).hasSize(sbom.components().size());
    assertThat(bom.getMetadata().getComponent().getType().getTypeName())
        .isEqualTo("operating-system");
  }

  @Test
  void readsBackWhatItWroteInCycloneDxAndSpdx() {
    Sbom sbom = SbomGenerator.generate(Roots.fixture("debroot"), CLOCK);

    Sbom fromCdx = Sbom.parse(sbom.toCycloneDxJson(), "cdx");
    Sbom fromSpdx = Sbom.parse(sbom.toSpdxJson(), "spdx");

    assertThat(fromCdx.components()).isEqualTo(sbom.components());
    assertThat(packages(fromSpdx)).isEqualTo(packages(sbom));
    Component libssl =
        fromSpdx.components().stream()
            .filter(c -> c.name().equals("libssl3"))
            .findFirst()
            .orElseThrow();
    assertThat(libssl.sourceName()).isEqualTo("openssl");
    Component openssl =
        fromSpdx.components().stream()
            .filter(c -> c.name().equals("openssl"))
            .findFirst()
            .orElseThrow();
    assertThat(openssl.licenses()).containsExactly("Apache-2.0");
    assertThat(openssl.purl())
        .isEqualTo(
            sbom.components().stream()
                .filter(c -> c.name().equals("openssl"))
                .findFirst()
                .orElseThrow()
                .purl());
    assertThat(fromCdx.os().id()).isEqualTo("debian");
    assertThat(fromSpdx.os().versionId()).isEqualTo("12");
  }

  @Test
  void readsCycloneDxXmlMadeByCycloneDxCoreJava() throws Exception {
    Sbom sbom = SbomGenerator.generate(Roots.fixture("debroot"), CLOCK);
    Bom bom = new JsonParser().parse(sbom.toCycloneDxJson().getBytes(StandardCharsets.UTF_8));
    String xml = BomGeneratorFactory.createXml(Version.VERSION_16, bom).toXmlString();

    Sbom fromXml = Sbom.parse(xml, "bom.xml");

    assertThat(packages(fromXml)).isEqualTo(packages(sbom));
    assertThat(fromXml.os().id()).isEqualTo("debian");
  }

  @Test
  void agreesWithCdxgenOnThePackageSetOfTheSameRoot() {
    Sbom ours = SbomGenerator.generate(Roots.fixture("cdxgen-root"), CLOCK);
    Sbom cdxgen = Sbom.read(Roots.fixture("cdxgen-root.cdxgen.json"));

    assertThat(ours.components()).hasSize(40);
    assertThat(packages(cdxgen)).isEqualTo(packages(ours));
    Set<String> purls =
        ours.components().stream().map(c -> c.purl().toString()).collect(Collectors.toSet());
    // cdxgen adds a distro_name qualifier and repeats a Debian epoch, which the version holds
    // already, as an epoch qualifier; without those the package URLs are the same.
    Set<String> theirs =
        cdxgen.components().stream()
            .map(c -> c.purl().toString().replaceAll("&(distro_name|epoch)=[^&]*", ""))
            .collect(Collectors.toSet());
    assertThat(theirs).isEqualTo(purls);
  }

  @Test
  void readsSpdx23MadeByNpmAndAgreesWithCdxgenOnThePackageSet() {
    // Both documents were made from the same project folder (npm-project/): one by `npm sbom`, one
    // by cdxgen. The package the document describes is the project itself, not a component.
    Sbom npm = Sbom.read(Roots.fixture("npm-project.npm.spdx.json"));
    Sbom cdxgen = Sbom.read(Roots.fixture("npm-project.cdxgen.json"));

    assertThat(npm.components())
        .extracting(c -> c.name() + "@" + c.version())
        .containsExactlyInAnyOrder(
            "semver@7.6.3",
            "spdx-exceptions@2.5.0",
            "spdx-expression-parse@4.0.0",
            "spdx-license-ids@3.0.24");
    assertThat(packages(npm)).isEqualTo(packages(cdxgen));
    assertThat(npm.components().stream().map(c -> c.purl().toString()))
        .containsExactlyInAnyOrderElementsOf(
            cdxgen.components().stream().map(c -> c.purl().toString()).toList());
    Component exceptions =
        npm.components().stream()
            .filter(c -> c.name().equals("spdx-exceptions"))
            .findFirst()
            .orElseThrow();
    assertThat(exceptions.licenses()).containsExactly("CC-BY-3.0");
  }
}
