package io.cloudimage.core.select;

import static io.cloudimage.core.select.SelectionRun.add;

import io.cloudimage.core.model.Image;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Security: a verified publisher (25), a valid signature (25; 10 when not checked), days since the
 * last patch (30, none after a year) and known vulnerabilities (20; 8 when unknown).
 */
final class SecurityScorer implements DimensionScorer {
  private static final long SECONDS_PER_DAY = 86_400;

  private final SelectionRun run;

  SecurityScorer(SelectionRun run) {
    this.run = run;
  }

  @Override
  public Dimension dimension() {
    return Dimension.SECURITY;
  }

  /** Publisher (25), signature (25), patch age (30), vulnerabilities (20). */
  @Override
  public double score(Image image, InstanceFit fit, @Nullable List<String> why) {
    double points = 0;
    if (image.assessment().verifiedPublisher()) {
      points += 25;
      add(why, "verified publisher");
    } else {
      add(why, "publisher not verified");
    }
    switch (image.assessment().signature()) {
      case VALID:
        points += 25;
        add(why, "signature valid");
        break;
      case UNKNOWN:
        points += 10;
        add(why, "signature not checked");
        break;
      default:
        add(why, "unsigned");
        break;
    }
    Instant lastPatched = image.assessment().lastPatched();
    boolean patchedKnown = lastPatched != null;
    Instant patched = lastPatched != null ? lastPatched : image.created();
    // the UTC day of the instant, as LocalDate.ofInstant(patched, UTC) counts it
    long patchedEpochDay = Math.floorDiv(patched.getEpochSecond(), SECONDS_PER_DAY);
    long days = Math.max(0, run.todayEpochDay - patchedEpochDay);
    points += 30 * SelectionRun.clamp01((365 - days) / 335.0);
    if (why != null) {
      why.add(
          (patchedKnown ? "last patched " : "built (patch date unknown) ") + days + " days ago");
    }
    int vulns = image.assessment().knownVulnerabilities();
    if (vulns < 0) {
      points += 8;
      add(why, "no SBOM findings known");
    } else {
      points += 20 * SelectionRun.clamp01(1 - vulns / 20.0);
      if (why != null) {
        why.add(vulns + " known vulnerabilities");
      }
    }
    return points;
  }
}
