package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.ImageState;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  static final ImageSelector SELECTOR =
      ImageSelector.builder()
          .scenario(Scenario.MICROSERVICE)
          .clock(ScenarioOutcomesTest.CLOCK)
          .build();

  @Test
  void aCandidateMeetingEveryRequirementEvaluatesToARankedImage() {
    Evaluation e = SELECTOR.evaluate(DimensionScoresTest.base().build());
    assertThat(e).isInstanceOf(RankedImage.class);
    assertThat(e.imageId().nativeId()).isEqualTo("ami-1");
    assertThat(((RankedImage) e).score()).isBetween(0.0, 100.0);
  }

  @Test
  void aCandidateMissingARequirementEvaluatesToAnExclusionWithEveryReason() {
    Evaluation e = SELECTOR.evaluate(DimensionScoresTest.base().state(ImageState.DISABLED).build());
    assertThat(e).isInstanceOf(Exclusion.class);
    assertThat(e.imageId().nativeId()).isEqualTo("ami-1");
    assertThat(((Exclusion) e).reason()).contains("only AVAILABLE images");
  }
}
