package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which images go where: every image of the plan is copied from the source to every destination.
 *
 * <p>A plan file is YAML or JSON, read strictly (a repeated key or an unknown field is refused);
 * every error names the file and line. Relative homes are resolved against the plan file's folder.
 *
 * <pre>{@code
 * source: {provider: local, home: /srv/images/eu}
 * images: [img-0a1b2c, img-3d4e5f]
 * destinations:
 *   - home: /srv/images/us        # provider: the source's
 *   - home: /srv/images/ap
 * concurrency: 2                  # optional, default 2
 * }</pre>
 *
 * <p>On a cloud, destinations are regions and accounts of the source's provider: {@code {region:
 * us-east-1}}, {@code {region: us-east-1, account: "222233334444"}}.
 */
public final class ReplicationPlan {
  private final String file;
  private final Location source;
  private final List<String> images;
  private final List<Integer> imageLines;
  private final List<Location> destinations;
  private final int concurrency;

  ReplicationPlan(
      String file,
      Location source,
      List<String> images,
      List<Integer> imageLines,
      List<Location> destinations,
      int concurrency) {
    this.file = file;
    this.source = source;
    this.images = List.copyOf(images);
    this.imageLines = List.copyOf(imageLines);
    this.destinations = List.copyOf(destinations);
    this.concurrency = concurrency;
  }

  /**
   * Reads a plan file.
   *
   * @throws InvalidInputException when it cannot be read or is not a valid plan, naming the line
   */
  public static ReplicationPlan read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the plan: " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return PlanReader.read(bytes, file.toString(), dir == null ? Path.of("") : dir);
  }

  /**
   * Reads a plan from bytes; {@code source} names it in messages and relative homes resolve against
   * {@code baseDir}.
   */
  public static ReplicationPlan parse(byte[] bytes, String source, Path baseDir) {
    return PlanReader.read(bytes, source, baseDir);
  }

  /** A plan built in code; {@code concurrency} copies run at once. */
  public static ReplicationPlan of(
      Location source, List<String> images, List<Location> destinations, int concurrency) {
    List<Integer> lines = new ArrayList<>();
    images.forEach(i -> lines.add(-1));
    return PlanReader.check(
        new ReplicationPlan("plan", source, images, lines, destinations, concurrency));
  }

  /** Where the images are. */
  public Location source() {
    return source;
  }

  /** The source images' ids, in the plan's order. */
  public List<String> images() {
    return images;
  }

  /** Where they are copied to. */
  public List<Location> destinations() {
    return destinations;
  }

  /** How many copies may run at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Every copy: each image to each destination, images first. */
  public List<ReplicationTarget> targets() {
    List<ReplicationTarget> all = new ArrayList<>();
    for (String image : images) {
      for (Location d : destinations) {
        all.add(new ReplicationTarget(image, d));
      }
    }
    return all;
  }

  /**
   * Checks that every image of the plan exists at the source.
   *
   * @throws InvalidInputException naming the first unknown image and its line
   */
  public void requireImagesIn(ImageProvider provider) {
    Objects.requireNonNull(provider, "provider");
    for (int i = 0; i < images.size(); i++) {
      String id = images.get(i);
      @Nullable String problem;
      try {
        problem =
            provider.find(id).isPresent()
                ? null
                : "no image '"
                    + id
                    + "' at the source "
                    + source.label()
                    + "; `images list` shows the ids there";
      } catch (InvalidInputException e) {
        problem = "no image '" + id + "': " + e.getMessage();
      }
      if (problem != null) {
        int line = imageLines.get(i);
        throw new InvalidInputException(
            file + (line > 0 ? " line " + line : "") + ": images[" + i + "]: " + problem);
      }
    }
  }

  @Override
  public String toString() {
    return "ReplicationPlan[" + file + ": " + images + " -> " + destinations + "]";
  }
}
