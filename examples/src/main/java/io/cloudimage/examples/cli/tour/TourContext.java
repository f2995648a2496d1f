package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.ProgressListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the tour's steps share: the working folder, the local provider, the images imported so far
 * by name, and where output and progress go.
 */
public final class TourContext {
  private final Path workdir;
  private final LocalProvider local;
  private final Map<String, Image> images = new LinkedHashMap<>();
  private final PrintStream out;
  private final ProgressListener progress;
  private final Listing listing;

  /** A tour working in {@code workdir} on {@code local}. */
  public TourContext(
      Path workdir,
      LocalProvider local,
      PrintStream out,
      ProgressListener progress,
      Listing listing) {
    this.workdir = workdir;
    this.local = local;
    this.out = out;
    this.progress = progress;
    this.listing = listing;
  }

  /** The tour's working folder; sample disks go under {@code samples/}. */
  public Path workdir() {
    return workdir;
  }

  /** The local provider the tour works on. */
  public LocalProvider local() {
    return local;
  }

  /** Where the steps print. */
  public PrintStream out() {
    return out;
  }

  /** Progress of long operations (imports, digests, tier moves). */
  public ProgressListener progress() {
    return progress;
  }

  /** How images are printed. */
  public Listing listing() {
    return listing;
  }

  /** Records an image imported under {@code name}, for later steps. */
  void imported(String name, Image image) {
    images.put(name, image);
  }

  /**
   * The image imported under {@code name}.
   *
   * @throws IllegalStateException when the import step did not run first
   */
  Image image(String name) {
    Image image = images.get(name);
    if (image == null) {
      throw new IllegalStateException("the import step did not run: no image " + name);
    }
    return image;
  }
}
