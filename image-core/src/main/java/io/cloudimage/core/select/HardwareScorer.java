package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.cpu.CpuFeatures;
import io.cloudimage.core.model.Image;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Hardware fit, from 100: the instance type's place in the scenario's preferences (10 off per
 * place, 30 when none fits), an image built for the CPU features required (10 off when generic),
 * and the GPU driver (30 off when too old for CUDA 12 or shipped where no GPU is used).
 */
final class HardwareScorer implements DimensionScorer {
  private static final Pattern DRIVER_MAJOR = Pattern.compile("(\\d{3,})");
  private static final int CUDA12_DRIVER = 525;

  private final Map<String, Integer> driverMajors = new HashMap<>();
  private final SelectionRun run;

  HardwareScorer(SelectionRun run) {
    this.run = run;
  }

  @Override
  public Dimension dimension() {
    return Dimension.HARDWARE;
  }

  /** Instance preference, CPU features and GPU fit, starting from 100. */
  @Override
  public double score(Image image, InstanceFit fit, @Nullable List<String> why) {
    double points = 100;
    InstanceType t = fit.type();
    if (fit.preference() == 0) {
      if (why != null) {
        why.add("runs on " + t.name() + ", the scenario's first choice");
      }
    } else if (fit.preference() > 0) {
      points -= 10 * fit.preference();
      if (why != null) {
        why.add(
            "runs on "
                + t.name()
                + " (choice "
                + (fit.preference() + 1)
                + "); "
                + run.scenario.instanceTypes().get(0)
                + " does not fit "
                + image.platform().architecture().id());
      }
    } else {
      points -= 30;
      if (why != null) {
        why.add(
            "no preferred type fits "
                + image.platform().architecture().id()
                + "; cheapest type as big as "
                + run.scenario.instanceTypes().get(0)
                + " is "
                + t.name());
      }
    }
    Set<String> required = run.selector.requiredCpuFeatures();
    if (!required.isEmpty()) {
      if (builtFor(image, required)) {
        if (why != null) {
          why.add("built for " + String.join(", ", required) + "; " + t.name() + " has it");
        }
      } else {
        points -= 10;
        if (why != null) {
          why.add(
              "a generic build: does not target "
                  + String.join(", ", required)
                  + " though "
                  + t.name()
                  + " has it");
        }
      }
    } else if (!image.platform().requiredCpuFeatures().isEmpty()) {
      if (why != null) {
        why.add(
            "needs "
                + String.join(", ", new TreeSet<>(image.platform().requiredCpuFeatures()))
                + "; "
                + t.name()
                + " has it");
      }
    }
    String driver = image.platform().gpuDriver();
    if (run.needsGpu) {
      int major = driverMajor(driver);
      if (major >= CUDA12_DRIVER) {
        if (why != null) {
          why.add("GPU driver " + driver + " supports CUDA 12 on " + gpu(t));
        }
      } else if (major > 0) {
        points -= 30;
        if (why != null) {
          why.add("GPU driver " + driver + " predates CUDA 12 (needs " + CUDA12_DRIVER + "+)");
        }
      } else {
        points -= 15;
        if (why != null) {
          why.add("GPU driver version of '" + driver + "' not recognised");
        }
      }
    } else if (driver != null) {
      points -= 30;
      if (why != null) {
        why.add("ships a GPU driver (" + driver + ") the workload does not use");
      }
    }
    return Math.max(0, points);
  }

  private static String gpu(InstanceType t) {
    return t.gpu() == null ? "a GPU" : t.gpu().count() + "x " + t.gpu().model();
  }

  /** Whether the image's (normalised) CPU features include every required one. */
  private static boolean builtFor(Image image, Set<String> required) {
    Set<String> features = image.platform().requiredCpuFeatures();
    for (String r : required) {
      boolean found = false;
      for (String f : features) {
        if (CpuFeatures.normalise(f).equals(r)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private int driverMajor(@Nullable String driver) {
    if (driver == null) {
      return 0;
    }
    Integer major = driverMajors.get(driver);
    if (major == null) {
      Matcher m = DRIVER_MAJOR.matcher(driver);
      major =
          m.find()
              ? Integer.parseInt(m.group(1).substring(0, Math.min(4, m.group(1).length())))
              : 0;
      driverMajors.put(driver, major);
    }
    return major;
  }
}
