package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.DeregisterOptions;

/** Launches the web image and shows that an image in use cannot be removed. */
final class LaunchStep implements TourStep {
  @Override
  public String title() {
    return "launch the web image: it is now in use and cannot be removed";
  }

  @Override
  public void run(TourContext tour) {
    Image web = tour.image("web-ubuntu-24.04");
    Image launched = tour.local().launch(web.nativeId());
    tour.out().println("launched " + web.nativeId() + " at " + launched.usage().lastLaunched());
    tour.out().println("images in use: " + tour.local().imagesInUse());
    try {
      tour.local().deregister(web.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      tour.out().println("unexpected: an image in use was deregistered");
    } catch (ConflictException e) {
      tour.out().println("refused as expected: " + e.getMessage());
    }
  }
}
