package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.model.Image;

/**
 * How the command line prints images, so that the tour shows the inventory exactly as {@code
 * cloudimage images list} does.
 */
public interface Listing {
  /** The header line of the listing. */
  String header();

  /** One image's line of the listing. */
  String line(Image image);

  /** A byte count in binary units, e.g. {@code 4.0 MiB}. */
  String size(long bytes);
}
