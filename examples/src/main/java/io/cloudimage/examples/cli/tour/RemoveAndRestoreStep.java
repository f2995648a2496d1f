package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.DeregisterOptions;

/** Removes the app image, shows its recovery window, and brings it back from the trash. */
final class RemoveAndRestoreStep implements TourStep {
  @Override
  public String title() {
    return "remove the app image: it waits in the trash and comes back";
  }

  @Override
  public void run(TourContext tour) {
    Image app = tour.image("app-alinux-3");
    tour.local().deregister(app.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
    tour.out()
        .println(
            "removed "
                + app.nativeId()
                + "; recoverable for "
                + tour.local()
                    .recoveryWindow(app.nativeId())
                    .map(d -> d.toDays() + " days")
                    .orElse("no time"));
    tour.local().restoreFromTrash(app.nativeId());
    Image back = tour.local().describe(app.nativeId());
    tour.out()
        .println(
            "restored "
                + back.nativeId()
                + " with digest "
                + back.storage().digest()
                + (back.equals(app) ? " (identical record)" : " (record differs!)"));
  }
}
