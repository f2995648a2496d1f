package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.SignatureStatus;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DimensionScoresTest {
  static Image.Builder base() {
    return Image.builder()
        .id(new ImageId("aws", "us-east-1", "ami-1"))
        .name("ubuntu-24.04-minimal-arm64")
        .architecture(Architecture.ARM64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(Instant.parse("2026-11-02T00:00:00Z"))
        .lastPatched(Instant.parse("2026-11-26T00:00:00Z"))
        .sizeBytes(2L << 30)
        .tier(StorageTier.HOT)
        .tags(Tags.of(ImageFlavour.TAG, "minimal"))
        .verifiedPublisher(true)
        .signature(SignatureStatus.VALID)
        .bootTime(Duration.ofSeconds(10))
        .benchmarks(Map.of("boot.seconds", 10.0))
        .knownVulnerabilities(0);
  }

  static RankedImage rank(Image image) {
    return (RankedImage)
        ImageSelector.builder()
            .scenario(Scenario.MICROSERVICE)
            .clock(ScenarioOutcomesTest.CLOCK)
            .build()
            .evaluate(image);
  }

  @Test
  void scoresEachDimensionWithItsReasons() {
    RankedImage r = rank(base().build());
    // OS: 2029-05-31 is 917 days (2.51 years) away -> 60 * 2.51/5 = 30.1; +20 LTS; +20 free
    assertThat(r.dimension(Dimension.OS).score()).isCloseTo(70.1, within(0.1));
    assertThat(r.dimension(Dimension.OS).reasons())
        .containsExactly(
            "Ubuntu 24.04 LTS: standard support until 2029-05-31 (2.5 years left)",
            "long-term release cadence: few forced rebuilds",
            "no licence cost");
    // hardware: first choice t4g.micro, nothing deducted
    assertThat(r.dimension(Dimension.HARDWARE).score()).isEqualTo(100);
    assertThat(r.instanceType().name()).isEqualTo("t4g.micro");
    // performance: boot 10 s = 30, 2 GB = 25, benchmarks 10, minimal as wanted 35
    assertThat(r.dimension(Dimension.PERFORMANCE).score()).isCloseTo(100, within(0.01));
    assertThat(r.dimension(Dimension.PERFORMANCE).reasons())
        .contains("boots in 10.0 s", "2.0 GB image", "1 benchmark results recorded");
    // security: verified 25, valid 25, patched today 30, no vulnerabilities 20
    assertThat(r.dimension(Dimension.SECURITY).score()).isCloseTo(100, within(0.01));
    // cost: 2 GB x 0.08 + 0.0053 x 730 = 0.16 + 3.869 = 4.029 USD; 100 x 10 / 14.029
    assertThat(r.dimension(Dimension.COST).score()).isCloseTo(71.28, within(0.01));
    assertThat(r.dimension(Dimension.COST).reasons())
        .contains("HOT storage, 2.0 GB: 0.16 USD/month", "t4g.micro reserved: 3.87 USD/month");
    // total: weighted mean with the microservice weights
    double expected =
        0.15 * r.dimension(Dimension.OS).score()
            + 0.15 * 100
            + 0.30 * 100
            + 0.15 * 100
            + 0.25 * r.dimension(Dimension.COST).score();
    assertThat(r.score()).isCloseTo(expected, within(1e-9));
    assertThat(r.reasons()).first().asString().startsWith("os: Ubuntu 24.04 LTS");
  }

  @Test
  void weakerFactsLowerTheirOwnDimensionOnly() {
    RankedImage good = rank(base().build());
    RankedImage weak =
        rank(
            base()
                .verifiedPublisher(false)
                .signature(SignatureStatus.UNSIGNED)
                .lastPatched(Instant.parse("2025-11-01T00:00:00Z"))
                .knownVulnerabilities(10)
                .build());
    assertThat(weak.dimension(Dimension.SECURITY).score()).isCloseTo(10, within(0.01));
    assertThat(weak.dimension(Dimension.SECURITY).reasons())
        .contains("publisher not verified", "unsigned", "10 known vulnerabilities");
    assertThat(weak.dimension(Dimension.OS)).isEqualTo(good.dimension(Dimension.OS));
    assertThat(weak.dimension(Dimension.COST)).isEqualTo(good.dimension(Dimension.COST));
  }

  @Test
  void explainSaysWhichDimensionDecided() {
    Image a = base().build();
    Image b =
        base()
            .id(new ImageId("aws", "us-east-1", "ami-2"))
            .name("rhel-9-minimal-arm64")
            .os(OsFamily.RHEL, "9.6")
            .build();
    ImageSelector selector =
        ImageSelector.builder()
            .scenario(Scenario.MICROSERVICE)
            .clock(ScenarioOutcomesTest.CLOCK)
            .build();
    Explanation e = selector.explain(b, a);
    assertThat(e.winner()).isEqualTo(a.id());
    assertThat(e.verdict()).startsWith("ubuntu-24.04-minimal-arm64").contains("cost decides most");
    assertThat(e.lines()).hasSize(5);
    assertThat(e.lines().get(4))
        .startsWith("cost: ubuntu-24.04-minimal-arm64")
        .contains("licence 83.25 USD/month");
    assertThat(JsonTrees.parse(e.toJson(), "explanation").get("winner").asText())
        .isEqualTo("ami-1");
  }

  @Test
  void explainNamesAnExcludedImage() {
    Image a = base().build();
    Image eol =
        base()
            .id(new ImageId("aws", "us-east-1", "ami-3"))
            .name("old")
            .os(OsFamily.UBUNTU, "25.10")
            .build();
    Explanation e =
        ImageSelector.builder()
            .scenario(Scenario.MICROSERVICE)
            .clock(ScenarioOutcomesTest.CLOCK)
            .build()
            .explain(a, eol);
    assertThat(e.winner()).isEqualTo(a.id());
    assertThat(e.lines())
        .containsExactly(
            "old is excluded: Ubuntu 25.10 (interim) reached end of life on 2026-07-31");
  }
}
