package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  static Scenario.Builder webShop() {
    return Scenario.builder()
        .name("web-shop")
        .monthlyBudget(Money.of("25", "USD"))
        .instanceTypes("t4g.micro", "c7g.large");
  }

  @Test
  void presetsAreTheSixScenariosByNameOrConstantName() {
    assertThat(Scenario.presets())
        .extracting(Scenario::name)
        .containsExactly(
            "microservice", "database", "ai-training", "web-frontend", "batch", "ci-runner");
    assertThat(Scenario.preset("ai-training")).isSameAs(Scenario.AI_TRAINING);
    assertThat(Scenario.preset("AI_TRAINING")).isSameAs(Scenario.AI_TRAINING);
    assertThatThrownBy(() -> Scenario.preset("gaming"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("microservice, database, ai-training");
  }

  @Test
  void aCustomScenarioTakesTheDefaultsForWhatItDoesNotSay() {
    Scenario s = webShop().build();
    assertThat(s.weights()).isEqualTo(Weights.EQUAL);
    assertThat(s.hoursPerMonth()).isEqualTo(730);
    assertThat(s.pricing()).isEqualTo(PricingModel.ON_DEMAND);
    assertThat(s.acceptedKinds()).containsExactlyInAnyOrder(ImageFlavour.values());
    assertThat(s.preferredKind()).isEqualTo(ImageFlavour.STANDARD);
    assertThat(s.storage()).isEqualTo(new StorageChoice(StorageTier.HOT, StorageStrategy.LAYERED));
    assertThat(s.needsGpu()).isFalse();
    assertThat(s.packageHints()).isEmpty();
  }

  @Test
  void toBuilderRoundTripsAndDerivesAnEqualValueOnlyWhenNothingChanged() {
    for (Scenario p : Scenario.presets()) {
      assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    }
    Scenario nightly = Scenario.BATCH.toBuilder().name("nightly").hoursPerMonth(60).build();
    assertThat(nightly).isNotEqualTo(Scenario.BATCH);
    assertThat(nightly.instanceTypes()).isEqualTo(Scenario.BATCH.instanceTypes());
    assertThat(nightly.hoursPerMonth()).isEqualTo(60);
    assertThat(Scenario.BATCH.hoursPerMonth()).isEqualTo(160);
  }

  @Test
  void eachInvalidValueIsRefusedNamingItsField() {
    assertThatThrownBy(() -> webShop().hoursPerMonth(Double.NaN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hoursPerMonth");
    assertThatThrownBy(() -> webShop().hoursPerMonth(745))
        .hasMessageContaining("hoursPerMonth must be more than 0 and at most 744");
    assertThatThrownBy(() -> webShop().monthlyBudget(Money.of("0", "USD")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("monthlyBudget");
    assertThatThrownBy(() -> webShop().name("web shop\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> webShop().instanceTypes("t4g.micro", "t4g.micro"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("instanceTypes[1]");
  }

  @Test
  void contradictionsAndMissingRequiredValuesFailAtBuild() {
    assertThatThrownBy(
            () ->
                webShop()
                    .acceptedKinds(ImageFlavour.MINIMAL)
                    .preferredKind(ImageFlavour.FULL)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("preferredKind full is not among Scenario.acceptedKinds minimal");
    assertThatThrownBy(() -> Scenario.builder().name("x").instanceTypes("t4g.micro").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("monthlyBudget is required");
    assertThatThrownBy(
            () -> Scenario.builder().name("x").monthlyBudget(Money.of("1", "USD")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("instanceTypes is required");
  }

  @Test
  void aCustomScenarioSelectsLikeThePresetItCopies() {
    Scenario copy = Scenario.WEB_FRONTEND.toBuilder().name("my-frontend").build();
    ImageSelector preset =
        ImageSelector.builder()
            .scenario(Scenario.WEB_FRONTEND)
            .clock(ScenarioOutcomesTest.CLOCK)
            .build();
    Selection a = preset.select(ScenarioOutcomesTest.sample());
    Selection b = preset.toBuilder().scenario(copy).build().select(ScenarioOutcomesTest.sample());
    assertThat(b.ranked())
        .extracting(r -> r.image().id(), RankedImage::score)
        .isEqualTo(
            a.ranked().stream()
                .map(r -> org.assertj.core.groups.Tuple.tuple(r.image().id(), r.score()))
                .toList());
  }

  @Test
  void theBudgetSetsTheCurrencyCostsAreComparedIn() {
    Scenario cny =
        Scenario.MICROSERVICE.toBuilder().name("cn").monthlyBudget(Money.of("70", "CNY")).build();
    ImageSelector selector = ImageSelector.builder().scenario(cny).build();
    assertThat(selector.currency().getCurrencyCode()).isEqualTo("CNY");
    assertThat(ImageSelector.builder().scenario(cny).currency("USD").build().currency().toString())
        .isEqualTo("USD");
  }
}
