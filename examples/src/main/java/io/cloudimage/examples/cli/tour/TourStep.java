package io.cloudimage.examples.cli.tour;

import java.io.IOException;

/** One step of the tour: a title for its heading, and the work, which prints what it showed. */
public interface TourStep {
  /** The heading printed before the step runs. */
  String title();

  /** Runs the step on the tour's provider and files, printing to {@link TourContext#out()}. */
  void run(TourContext tour) throws IOException;
}
