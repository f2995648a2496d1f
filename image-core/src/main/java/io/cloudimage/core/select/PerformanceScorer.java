package io.cloudimage.core.select;

import static io.cloudimage.core.select.SelectionRun.add;

import io.cloudimage.core.model.Image;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Performance: boot time (30), image size (25), recorded benchmarks (10), and whether the image is
 * the kind the workload prefers (35; 15 for a full image without the packages it runs).
 */
final class PerformanceScorer implements DimensionScorer {
  private static final double BYTES_PER_GB = 1L << 30;

  private final SelectionRun run;

  PerformanceScorer(SelectionRun run) {
    this.run = run;
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERFORMANCE;
  }

  /** Boot time (30), size (25), benchmarks (10), flavour fit (35). */
  @Override
  public double score(Image image, InstanceFit fit, @Nullable List<String> why) {
    double points = 0;
    Duration boot = image.assessment().bootTime();
    if (boot != null) {
      double seconds = boot.toMillis() / 1000.0;
      points += 30 * SelectionRun.clamp01((120 - seconds) / 110);
      if (why != null) {
        why.add("boots in " + SelectionRun.oneDecimal(seconds) + " s");
      }
    } else {
      points += 12;
      add(why, "boot time not measured");
    }
    double gb = image.storage().sizeBytes() / BYTES_PER_GB;
    points += 25 * SelectionRun.clamp01((40 - gb) / 38);
    if (why != null) {
      why.add(SelectionRun.oneDecimal(gb) + " GB image");
    }
    if (!image.assessment().benchmarks().isEmpty()) {
      points += 10;
      if (why != null) {
        why.add(image.assessment().benchmarks().size() + " benchmark results recorded");
      }
    } else {
      points += 5;
      add(why, "no benchmark results");
    }
    ImageFlavour flavour = run.flavour(image);
    ImageFlavour preferred = run.scenario.preferredKind();
    if (flavour == preferred
        && flavour == ImageFlavour.FULL
        && !run.scenario.packageHints().isEmpty()
        && noneIn(packages(image), run.scenario.packageHints())) {
      points += 15;
      if (why != null) {
        why.add(
            "a full image, but its packages ("
                + packages(image)
                + ") are not what "
                + run.scenario.name()
                + " runs ("
                + String.join(", ", run.scenario.packageHints())
                + ")");
      }
    } else if (flavour == preferred) {
      points += 35;
      if (why != null) {
        String packages = packages(image);
        why.add(
            flavour.describe()
                + (packages.isBlank() ? "" : " (" + packages + ")")
                + ", as "
                + run.scenario.name()
                + " wants");
      }
    } else {
      points += 15;
      if (why != null) {
        why.add(
            flavour.describe() + "; " + run.scenario.name() + " prefers " + preferred.describe());
      }
    }
    return points;
  }

  private static String packages(Image image) {
    String packages = image.tags().asMap().get(ImageFlavour.PACKAGES_TAG);
    return packages == null ? "" : packages;
  }

  private static boolean noneIn(String packages, List<String> hints) {
    for (String hint : hints) {
      if (packages.contains(hint)) {
        return false;
      }
    }
    return true;
  }
}
