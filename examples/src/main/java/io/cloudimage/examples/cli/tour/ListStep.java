package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.ImageQuery;
import java.util.Comparator;
import java.util.stream.Stream;

/** Lists the inventory as {@code cloudimage images list} prints it. */
final class ListStep implements TourStep {
  @Override
  public String title() {
    return "list the inventory (what `cloudimage images list` prints)";
  }

  @Override
  public void run(TourContext tour) {
    tour.out().println(tour.listing().header());
    try (Stream<Image> all = tour.local().images(ImageQuery.ALL)) {
      all.sorted(Comparator.comparing(Image::name))
          .forEach(i -> tour.out().println(tour.listing().line(i)));
    }
  }
}
