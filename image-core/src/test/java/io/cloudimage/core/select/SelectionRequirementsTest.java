package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionRequirementsTest {
  private static ImageSelector.Builder microservice() {
    return ImageSelector.builder()
        .scenario(Scenario.MICROSERVICE)
        .clock(ScenarioOutcomesTest.CLOCK);
  }

  @Test
  void requireGpuExcludesImagesWithoutAGpuDriverWhenTheScenarioDoesNotNeedOne() {
    ImageSelector selector = microservice().requireGpu().build();
    assertThat(selector.gpu()).isEqualTo(GpuRequirement.REQUIRED);
    Evaluation e = selector.evaluate(DimensionScoresTest.base().build());
    assertThat(e).isInstanceOf(Exclusion.class);
    assertThat(((Exclusion) e).reason()).contains("no GPU driver in the image");
  }

  @Test
  void gpuNotRequiredOnADerivedSelectorLeavesItToTheScenarioAgain() {
    ImageSelector selector =
        microservice().requireGpu().build().toBuilder().gpu(GpuRequirement.NOT_REQUIRED).build();
    assertThat(selector.evaluate(DimensionScoresTest.base().build()))
        .isInstanceOf(RankedImage.class);
  }

  @Test
  void requireVerifiedPublisherExcludesUnverifiedPublishersOnly() {
    ImageSelector selector = microservice().requireVerifiedPublisher().build();
    assertThat(selector.publishers()).isEqualTo(PublisherRequirement.VERIFIED);
    assertThat(selector.evaluate(DimensionScoresTest.base().build()))
        .isInstanceOf(RankedImage.class);
    Evaluation e = selector.evaluate(DimensionScoresTest.base().verifiedPublisher(false).build());
    assertThat(e).isInstanceOf(Exclusion.class);
    assertThat(((Exclusion) e).reason()).contains("publisher not verified");
  }

  @Test
  void unverifiedPublishersAreCandidatesByDefault() {
    assertThat(microservice().build().publishers()).isEqualTo(PublisherRequirement.ANY);
    assertThat(
            microservice()
                .build()
                .evaluate(DimensionScoresTest.base().verifiedPublisher(false).build()))
        .isInstanceOf(RankedImage.class);
  }

  @Test
  void releasesOutOfAllSupportAreExcludedUnlessEndOfLifeIsAllowed() {
    // Ubuntu 25.10 lost all support on 2026-07-31, before the test clock's 2026-11-26
    var eol = DimensionScoresTest.base().os(OsFamily.UBUNTU, "25.10").build();
    Evaluation excluded = microservice().build().evaluate(eol);
    assertThat(excluded).isInstanceOf(Exclusion.class);
    assertThat(((Exclusion) excluded).reason()).contains("reached end of life on 2026-07-31");

    ImageSelector allowing = microservice().os(os -> os.allowEndOfLife()).build();
    assertThat(allowing.osRequirement().endOfLife()).isEqualTo(EndOfLife.ALLOWED);
    Evaluation kept = allowing.evaluate(eol);
    assertThat(kept).isInstanceOf(RankedImage.class);
    assertThat(((RankedImage) kept).dimension(Dimension.OS).score()).isLessThan(50);
  }

  @Test
  void theOsRequirementExcludesEndOfLifeReleasesByDefault() {
    assertThat(OsRequirement.ANY.endOfLife()).isEqualTo(EndOfLife.EXCLUDED);
    assertThat(OsRequirement.builder().build().allowsEndOfLife()).isFalse();
    assertThat(OsRequirement.builder().endOfLife(EndOfLife.ALLOWED).build().allowsEndOfLife())
        .isTrue();
  }

  @Test
  void aScenarioNeedingAGpuSaysSoAndADerivedOneCanDropIt() {
    Scenario render = Scenario.BATCH.toBuilder().name("render").needsGpu().build();
    assertThat(render.gpu()).isEqualTo(GpuRequirement.REQUIRED);
    assertThat(render.needsGpu()).isTrue();
    assertThat(Scenario.AI_TRAINING.gpu()).isEqualTo(GpuRequirement.REQUIRED);
    Scenario cpuOnly =
        Scenario.AI_TRAINING.toBuilder()
            .name("cpu-training")
            .gpu(GpuRequirement.NOT_REQUIRED)
            .build();
    assertThat(cpuOnly.needsGpu()).isFalse();
  }

  @Test
  void aScenarioFileWithNeedsGpuTrueRequiresAGpu(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("render.yaml");
    Files.writeString(
        file, "name: render\nbudget: 50 USD\ninstanceTypes: [g4dn.xlarge]\nneedsGpu: true\n");
    assertThat(Scenario.load(file).gpu()).isEqualTo(GpuRequirement.REQUIRED);
    Files.writeString(
        file, "name: render\nbudget: 50 USD\ninstanceTypes: [g4dn.xlarge]\nneedsGpu: false\n");
    assertThat(Scenario.load(file).gpu()).isEqualTo(GpuRequirement.NOT_REQUIRED);
  }
}
