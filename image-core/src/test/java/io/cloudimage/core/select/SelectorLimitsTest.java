package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorLimitsTest {
  @Test
  void topOfIntegerMaxValueRanksEveryCandidateWithoutAllocatingForTheLimit() {
    ImageSelector selector =
        ImageSelector.builder()
            .scenario(Scenario.MICROSERVICE)
            .clock(ScenarioOutcomesTest.CLOCK)
            .top(Integer.MAX_VALUE)
            .build();
    List<io.cloudimage.core.model.Image> images = RankingPropertiesTest.candidates(7, 50);
    Selection s = selector.select(images);
    assertThat(s.ranked()).hasSize((int) (s.candidates() - s.excludedCount()));
    assertThat(s.ranked()).isNotEmpty();
    assertThat(s.excluded()).hasSize((int) s.excludedCount());
  }

  @Test
  void maxExcludedOfIntegerMaxValueKeepsEveryExclusion() {
    Selection s =
        ImageSelector.builder()
            .scenario(Scenario.AI_TRAINING)
            .clock(ScenarioOutcomesTest.CLOCK)
            .maxExcluded(Integer.MAX_VALUE)
            .build()
            .select(RankingPropertiesTest.candidates(3, 20));
    assertThat(s.excluded()).hasSize(20);
  }

  @Test
  void topBelowOneIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> ImageSelector.builder().top(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("top");
  }
}
