package io.cloudimage.examples.cli.tour;

import java.util.List;

/** The tour's steps, in the order they tell the story. */
public final class TourSteps {
  private TourSteps() {}

  /** All steps, in order; later steps use the images the first one imports. */
  public static List<TourStep> all() {
    return List.of(
        new ImportStep(),
        new ListStep(),
        new ChecksumStep(),
        new DeltaStep(),
        new SelectStep(),
        new LaunchStep(),
        new ArchiveStep(),
        new RemoveAndRestoreStep(),
        new LifecycleStep());
  }
}
