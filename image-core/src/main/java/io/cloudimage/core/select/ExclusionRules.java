package io.cloudimage.core.select;

import static io.cloudimage.core.select.SelectionRun.add;

import io.cloudimage.core.catalog.OsLifecycle;
import io.cloudimage.core.cpu.CpuFeatures;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.SignatureStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hard requirements a candidate must meet to be ranked: launchable state, not deprecated, no
 * invalid signature, the required architecture and OS (family, version range, support left), an
 * accepted kind, a GPU driver when needed, the publisher and vulnerability limits, the machine it
 * must run on, and an instance type that fits. Every requirement missed is a reason.
 */
final class ExclusionRules {
  private final SelectionRun run;
  private final InstanceFitting fitting;
  private final Map<String, Boolean> versionFits = new HashMap<>();
  private final @Nullable LocalDate supportNeededUntil;

  ExclusionRules(SelectionRun run, InstanceFitting fitting) {
    this.run = run;
    this.fitting = fitting;
    Period minSupport = run.selector.osRequirement().minSupportLeft();
    this.supportNeededUntil = minSupport.isZero() ? null : run.today.plus(minSupport);
  }

  /**
   * Refuses requirements no image can meet together, before any candidate is read.
   *
   * @throws InvalidInputException naming the two that contradict
   */
  static void checkConsistent(@Nullable Architecture architecture, Set<String> cpuFeatures) {
    if (architecture == Architecture.ARM64
        && cpuFeatures.stream().anyMatch(f -> f.startsWith("avx"))) {
      throw new InvalidInputException(
          "architecture arm64 contradicts required CPU features "
              + cpuFeatures
              + " (x86 only); drop one of the two");
    }
  }

  /**
   * The reasons the image is excluded, or {@code null} when it is a candidate. With {@code explain}
   * false, a fixed text stands for the reasons (the caller only counts).
   */
  @Nullable String exclusion(Image image, boolean explain) {
    List<String> why = explain ? new ArrayList<>(2) : null;
    boolean out = false;
    if (image.state() != ImageState.AVAILABLE) {
      out = true;
      if (why != null) {
        why.add("state is " + image.state() + "; only AVAILABLE images can be launched");
      }
    }
    Instant deprecation = image.deprecation();
    if (deprecation != null && !deprecation.isAfter(run.now)) {
      out = true;
      if (why != null) {
        why.add("deprecated since " + deprecation);
      }
    }
    if (image.assessment().signature() == SignatureStatus.INVALID) {
      out = true;
      add(why, "its signature is present and INVALID; do not launch it");
    }
    Architecture arch = run.selector.architecture();
    if (arch != null && image.platform().architecture() != arch) {
      out = true;
      if (why != null) {
        why.add("architecture " + image.platform().architecture() + ", " + arch + " required");
      }
    }
    OsRequirement req = run.selector.osRequirement();
    if (req.family() != null && image.platform().os().family() != req.family()) {
      out = true;
      if (why != null) {
        why.add("OS " + image.platform().os() + ", family " + req.family() + " required");
      }
    }
    if (!versionFits(req, image)) {
      out = true;
      if (why != null) {
        why.add(
            "OS version "
                + image.platform().os().version()
                + " outside the required range "
                + (req.atLeast() == null ? "" : ">= " + req.atLeast())
                + (req.atMost() == null ? "" : " <= " + req.atMost()));
      }
    }
    OsLifecycle life = run.lifecycle(image);
    if (life != null) {
      if (!life.supported(run.today) && !req.allowsEndOfLife()) {
        out = true;
        if (why != null) {
          why.add(life.name() + " reached end of life on " + life.endOfExtendedSupport());
        }
      } else if (supportNeededUntil != null
          && supportNeededUntil.isAfter(life.endOfStandardSupport())) {
        out = true;
        if (why != null) {
          why.add(
              life.name()
                  + " standard support ends "
                  + life.endOfStandardSupport()
                  + ", sooner than the "
                  + req.minSupportLeft()
                  + " required");
        }
      }
    } else if (supportNeededUntil != null) {
      out = true;
      if (why != null) {
        why.add(
            "no lifecycle data for " + image.platform().os() + " to prove the support required");
      }
    }
    ImageFlavour flavour = run.flavour(image);
    if (!run.scenario.accepts(flavour)) {
      out = true;
      if (why != null) {
        why.add(
            "it is "
                + flavour.describe()
                + "; "
                + run.scenario.name()
                + " takes "
                + describe(run.scenario.acceptedKinds()));
      }
    }
    if (run.needsGpu && image.platform().gpuDriver() == null) {
      out = true;
      add(why, "no GPU driver in the image; the workload needs a GPU");
    }
    if (run.selector.publishers() == PublisherRequirement.VERIFIED
        && !image.assessment().verifiedPublisher()) {
      out = true;
      add(why, "publisher not verified, a verified publisher is required");
    }
    if (run.selector.maxKnownVulnerabilities() >= 0
        && image.assessment().knownVulnerabilities() > run.selector.maxKnownVulnerabilities()) {
      out = true;
      if (why != null) {
        why.add(
            image.assessment().knownVulnerabilities()
                + " known vulnerabilities, at most "
                + run.selector.maxKnownVulnerabilities()
                + " allowed");
      }
    }
    CpuFeatures host = run.selector.runsOn();
    if (host != null && !host.canRun(image)) {
      out = true;
      if (why != null) {
        why.add(
            "does not run on this machine: it lacks " + String.join(", ", host.missingFor(image)));
      }
    }
    if (!out && fitting.fit(image) == null) {
      out = true;
      if (why != null) {
        why.add("no instance type in the catalog runs it: " + fitting.needs(image));
      }
    }
    if (!out) {
      return null;
    }
    return why == null ? "excluded" : String.join("; ", why);
  }

  /** Whether the image's OS version is in the required range; memoised per version text. */
  private boolean versionFits(OsRequirement req, Image image) {
    if (req.atLeast() == null && req.atMost() == null) {
      return true;
    }
    String version = image.platform().os().version();
    Boolean fits = versionFits.get(version);
    if (fits == null) {
      fits = req.versionFits(image.platform().os());
      versionFits.put(version, fits);
    }
    return fits;
  }

  private static String describe(Set<ImageFlavour> flavours) {
    List<String> names = new ArrayList<>();
    for (ImageFlavour f : ImageFlavour.values()) {
      if (flavours.contains(f)) {
        names.add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    return String.join(" or ", names) + " images";
  }
}
