package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.StorageTier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioOutcomesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

  static List<Image> sample() {
    try (var s = CandidateCatalog.sample()) {
      return s.collect(Collectors.toList());
    }
  }

  static Selection select(Scenario scenario) {
    return ImageSelector.builder().scenario(scenario).clock(CLOCK).top(5).build().select(sample());
  }

  static String reasonFor(Selection s, String nativeId) {
    return s.excluded().stream()
        .filter(e -> e.image().nativeId().equals(nativeId))
        .findFirst()
        .orElseThrow()
        .reason();
  }

  @Test
  void microserviceGetsMinimalArmImageHotLayeredOnT4gMicro() {
    Selection s = select(Scenario.MICROSERVICE);
    Recommendation r = s.best().orElseThrow();
    assertThat(r.image().name()).isEqualTo("ubuntu-24.04-minimal-arm64");
    assertThat(r.instanceType().name()).isEqualTo("t4g.micro");
    assertThat(r.storage()).isEqualTo(new StorageChoice(StorageTier.HOT, StorageStrategy.LAYERED));
    assertThat(reasonFor(s, "ami-0a10000000000a003")).contains("end of life on 2026-07-31");
    assertThat(reasonFor(s, "ami-0a10000000000a004"))
        .contains("Amazon Linux 2 reached end of life on 2026-06-30");
    assertThat(reasonFor(s, "ami-0a10000000000a009")).contains("INVALID");
    assertThat(reasonFor(s, "ami-0e30000000000e001")).contains("GPU image");
    assertThat(reasonFor(s, "ami-0d20000000000d001"))
        .contains("full image")
        .contains("microservice takes minimal or standard");
  }

  @Test
  void databaseGetsFullImageWarmSnapshotsOnM6iLarge() {
    Selection s = select(Scenario.DATABASE);
    Recommendation r = s.best().orElseThrow();
    assertThat(r.image().name()).isEqualTo("ubuntu-24.04-postgresql-16-amd64");
    assertThat(r.instanceType().name()).isEqualTo("m6i.large");
    assertThat(r.storage())
        .isEqualTo(new StorageChoice(StorageTier.WARM, StorageStrategy.SNAPSHOTS));
    assertThat(reasonFor(s, "ami-0d20000000000d004"))
        .contains("Debian 11 bullseye reached end of life on 2026-08-31");
    assertThat(reasonFor(s, "ami-0a10000000000a001")).contains("minimal base OS image");
  }

  @Test
  void aiTrainingGetsGpuImageColdDistributedOnG4dnXlarge() {
    Selection s = select(Scenario.AI_TRAINING);
    Recommendation r = s.best().orElseThrow();
    assertThat(r.image().name()).isEqualTo("ubuntu-22.04-deeplearning-nvidia-550");
    assertThat(r.instanceType().name()).isEqualTo("g4dn.xlarge");
    assertThat(r.storage())
        .isEqualTo(new StorageChoice(StorageTier.COLD, StorageStrategy.DISTRIBUTED));
    assertThat(reasonFor(s, "ami-0e30000000000e003"))
        .contains("no instance type in the catalog runs it: aws arm64 and a GPU");
    assertThat(reasonFor(s, "ami-0a10000000000a001")).contains("no GPU driver");
    RankedImage legacy =
        s.ranked().stream().filter(x -> x.image().name().contains("470")).findFirst().orElseThrow();
    assertThat(legacy.dimension(Dimension.HARDWARE).reasons())
        .anyMatch(x -> x.contains("predates CUDA 12"));
  }

  @Test
  void otherPresetsRecommendTheirInstanceTypes() {
    assertThat(select(Scenario.WEB_FRONTEND).best().orElseThrow().instanceType().name())
        .isEqualTo("c7g.large");
    assertThat(select(Scenario.BATCH).best().orElseThrow().instanceType().name())
        .isEqualTo("c7g.large");
    Recommendation ci = select(Scenario.CI_RUNNER).best().orElseThrow();
    assertThat(ci.image().name()).isEqualTo("ubuntu-24.04-ci-toolchains-amd64");
    assertThat(ci.instanceType().name()).isEqualTo("m6i.large");
  }

  @Test
  void unsatisfiableRequirementsExcludeEveryCandidateWithItsReason() {
    Selection s =
        ImageSelector.builder()
            .scenario(Scenario.MICROSERVICE)
            .clock(CLOCK)
            .os(os -> os.family(OsFamily.SUSE))
            .build()
            .select(sample());
    assertThat(s.recommendation()).isNull();
    assertThat(s.nothingSuitable()).isTrue();
    assertThat(s.ranked()).isEmpty();
    assertThat(s.excluded()).hasSize(sample().size());
    assertThat(s.excluded()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
    assertThat(JsonTrees.parse(s.toJson(), "selection").get("recommendation").isNull()).isTrue();
  }

  @Test
  void architectureAndAvx512RequirementsExcludeArm() {
    Selection s =
        ImageSelector.builder()
            .scenario(Scenario.DATABASE)
            .clock(CLOCK)
            .requireCpuFeatures("avx512")
            .build()
            .select(sample());
    assertThat(s.best().orElseThrow().instanceType().hasAvx512()).isTrue();
    assertThat(reasonFor(s, "ami-0d20000000000d002")).contains("arm64 with avx512f");
    assertThatThrownBy(
            () ->
                ImageSelector.builder()
                    .scenario(Scenario.DATABASE)
                    .architecture(Architecture.ARM64)
                    .requireCpuFeatures("avx512")
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("arm64 contradicts");
  }

  @Test
  void unknownScenarioListsTheScenarios() {
    assertThatThrownBy(() -> Scenario.parse("gaming"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "microservice, database, ai-training, web-frontend, batch, ci-runner");
    assertThat(Scenario.parse("ai-training")).isEqualTo(Scenario.AI_TRAINING);
  }
}
