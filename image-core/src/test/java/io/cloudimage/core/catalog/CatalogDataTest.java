package io.cloudimage.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PriceBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDataTest {
  final OsLifecycleCatalog os = OsLifecycleCatalog.defaults();

  OsLifecycle release(OsFamily family, String version) {
    return os.find(OperatingSystem.of(family, version)).orElseThrow();
  }

  @Test
  void everyReleaseCitesAnOfficialSourceAndAnAsOfDate() {
    assertThat(os.releases()).hasSizeGreaterThanOrEqualTo(22);
    for (OsLifecycle r : os.releases()) {
      assertThat(r.source()).as(r.name()).startsWith("https://");
      assertThat(r.asOf()).as(r.name()).isAfter(LocalDate.parse("2026-01-01"));
    }
    assertThat(release(OsFamily.UBUNTU, "24.04").source()).contains("ubuntu.com");
    assertThat(release(OsFamily.DEBIAN, "12").source()).contains("debian.org");
    assertThat(release(OsFamily.RHEL, "9").source()).contains("redhat.com");
    assertThat(release(OsFamily.AMAZON_LINUX, "2").source()).contains("aws.amazon.com");
    assertThat(release(OsFamily.ALIBABA_CLOUD_LINUX, "3").source()).contains("alibabacloud.com");
    assertThat(release(OsFamily.WINDOWS_SERVER, "2022").source()).contains("learn.microsoft.com");
  }

  @Test
  void knownDatesMatchTheirSources() {
    OsLifecycle noble = release(OsFamily.UBUNTU, "24.04");
    assertThat(noble.released()).isEqualTo("2024-04-25");
    assertThat(noble.endOfStandardSupport()).isEqualTo("2029-05-31");
    assertThat(noble.endOfExtendedSupport()).isEqualTo("2034-04-30");
    OsLifecycle bookworm = release(OsFamily.DEBIAN, "12");
    assertThat(bookworm.released()).isEqualTo("2023-06-10");
    assertThat(bookworm.endOfExtendedSupport()).isEqualTo("2028-06-30");
    OsLifecycle rhel9 = release(OsFamily.RHEL, "9.4");
    assertThat(rhel9.released()).isEqualTo("2022-05-17");
    assertThat(rhel9.endOfStandardSupport()).isEqualTo("2032-05-31");
    assertThat(rhel9.endOfExtendedSupport()).isEqualTo("2035-05-31");
    assertThat(rhel9.notes()).contains("Full support to 2027-05-31");
    assertThat(rhel9.licencePerNodeYear()).isEqualTo(Money.of("999", "USD"));
    assertThat(release(OsFamily.AMAZON_LINUX, "2").endOfExtendedSupport()).isEqualTo("2026-06-30");
    assertThat(release(OsFamily.AMAZON_LINUX, "2023").endOfExtendedSupport())
        .isEqualTo("2029-06-30");
    OsLifecycle ws2022 = release(OsFamily.WINDOWS_SERVER, "2022");
    assertThat(ws2022.endOfStandardSupport()).isEqualTo("2026-10-13");
    assertThat(ws2022.endOfExtendedSupport()).isEqualTo("2031-10-14");
    assertThat(release(OsFamily.ALIBABA_CLOUD_LINUX, "2").endOfExtendedSupport())
        .isEqualTo("2026-03-31");
    assertThat(release(OsFamily.UBUNTU, "24.04").licencePerNodeYear().amount()).isZero();
  }

  @Test
  void userCanOverrideLicencesAndLoadTheirOwnFile(@TempDir Path dir) throws Exception {
    assertThat(
            os.withLicence(OsFamily.RHEL, Money.of("640", "USD"))
                .find(OperatingSystem.of(OsFamily.RHEL, "9"))
                .orElseThrow()
                .licencePerNodeYear())
        .isEqualTo(Money.of("640", "USD"));
    Path file = dir.resolve("os.json");
    Files.writeString(
        file,
        "{\"format\":\"cloudimage-os-lifecycle\",\"releases\":[{\"family\":\"ubuntu\",\"version\":\"24.04\","
            + "\"name\":\"Ubuntu 24.04 LTS\",\"released\":\"2024-04-25\",\"endOfStandardSupport\":\"2029-05-31\","
            + "\"cadence\":\"long-term\",\"licencePerNodeYear\":0,\"currency\":\"USD\","
            + "\"source\":\"https://ubuntu.com/about/release-cycle\",\"asOf\":\"2026-11-20\"}]}");
    assertThatThrownBy(() -> OsLifecycleCatalog.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("releases[0] (ubuntu:24.04)")
        .hasMessageContaining("'endOfExtendedSupport' is missing");
  }

  static String instance(String fields) {
    return "{\"format\":\"cloudimage-instance-types\",\"types\":[{\"provider\":\"aws\",\"name\":\"m6i.large\","
        + "\"region\":\"us-east-1\",\"vcpus\":2,\"memoryGib\":8,\"architecture\":\"x86_64\","
        + "\"cpuFeatures\":[\"avx512f\"],\"currency\":\"USD\",\"source\":\"https://aws.amazon.com/ec2/pricing/on-demand/\","
        + "\"asOf\":\"2026-11-20\""
        + fields
        + "}]}";
  }

  @Test
  void badInstanceEntriesNameTheEntryAndTheField() {
    assertThat(
            InstanceCatalog.parse(
                    instance(",\"onDemandPerHour\":0.096,\"reservedPerHour\":0.06"), "t.json")
                .find("m6i.large")
                .orElseThrow()
                .hasAvx512())
        .isTrue();
    assertThatThrownBy(
            () -> InstanceCatalog.parse(instance(",\"onDemandPerHour\":0.096"), "t.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("t.json types[0] (aws/m6i.large): field 'reservedPerHour' is missing");
    assertThatThrownBy(
            () ->
                InstanceCatalog.parse(
                    instance(",\"onDemandPerHour\":-1,\"reservedPerHour\":0.06"), "t.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "t.json types[0] (aws/m6i.large): field 'onDemandPerHour' must be >= 0, was -1");
  }

  @Test
  void shippedInstanceCatalogHasTheSeedTypesOnBothClouds() {
    InstanceCatalog c = InstanceCatalog.defaults();
    for (String n :
        new String[] {
          "t4g.micro",
          "t3.micro",
          "m6i.large",
          "m7g.large",
          "c7g.large",
          "r6i.large",
          "g4dn.xlarge",
          "g5.xlarge",
          "ecs.g7.large",
          "ecs.g8y.large",
          "ecs.c8y.large",
          "ecs.r7.large",
          "ecs.gn6i-c4g1.xlarge",
          "ecs.t6-c1m1.large"
        }) {
      InstanceType t = c.find(n).orElseThrow();
      assertThat(t.source()).startsWith("https://");
    }
    assertThat(c.find("g4dn.xlarge").orElseThrow().gpu()).isEqualTo(new Gpu("NVIDIA T4", 1));
    assertThat(c.find("ecs.gn6i-c4g1.xlarge").orElseThrow().gpu().model()).isEqualTo("NVIDIA T4");
    assertThat(c.find("m7g.large").orElseThrow().hasAvx512()).isFalse();
    assertThat(c.find("ecs.g8y.large").orElseThrow().onDemandPerHour().currency().getCurrencyCode())
        .isEqualTo("CNY");
  }

  @Test
  void storagePricesPerProviderAndRegion() {
    PriceBook book = PriceBook.defaults();
    assertThat(book.prices("aws", "us-east-1").tiers().profile(StorageTier.HOT).pricePerGbMonth())
        .isEqualTo(Money.of("0.08", "USD"));
    assertThat(book.prices("aws", "eu-west-1").provider()).isEqualTo("aws");
    assertThat(book.prices("local", "local").tiers().profile(StorageTier.HOT).pricePerGbMonth())
        .isEqualTo(Money.of("0.8", "CNY"));
    assertThat(book.books()).allSatisfy(b -> assertThat(b.source()).isNotBlank());
  }
}
