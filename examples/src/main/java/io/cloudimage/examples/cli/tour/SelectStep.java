package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.select.CandidateCatalog;
import io.cloudimage.core.select.ImageSelector;
import io.cloudimage.core.select.Recommendation;
import io.cloudimage.core.select.Scenario;
import io.cloudimage.core.select.Selection;
import java.util.List;
import java.util.stream.Stream;

/** Chooses base images for three scenarios from the shipped sample catalog. */
final class SelectStep implements TourStep {
  private static final List<Scenario> SCENARIOS =
      List.of(Scenario.MICROSERVICE, Scenario.DATABASE, Scenario.AI_TRAINING);

  @Override
  public String title() {
    return "choose base images for the seed's three scenarios from the sample catalog";
  }

  @Override
  public void run(TourContext tour) {
    for (Scenario scenario : SCENARIOS) {
      Selection selection;
      try (Stream<Image> candidates = CandidateCatalog.sample()) {
        selection = ImageSelector.builder().scenario(scenario).top(3).build().select(candidates);
      }
      Recommendation r =
          selection
              .best()
              .orElseThrow(() -> new IllegalStateException("no recommendation for " + scenario));
      tour.out()
          .printf(
              "%-12s -> %s on %s, %s + %s (score %.1f; %d of %d candidates excluded)%n",
              scenario.name(),
              r.image().name(),
              r.instanceType().name(),
              r.storage().tier(),
              r.storage().strategy().id(),
              selection.ranked().get(0).score(),
              selection.excludedCount(),
              selection.candidates());
    }
    tour.out()
        .println(
            "(`cloudimage select --scenario microservice` explains every score and exclusion)");
  }
}
