package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.cpu.CpuFeatures;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the instance type an image runs on: the scenario's first preferred type that has the
 * image's architecture, CPU features and (when needed) a GPU; else the cheapest type at least as
 * big as the first preference. Choices are memoised, since most candidates differ only in what does
 * not affect them.
 */
final class InstanceFitting {
  private final SelectionRun run;
  private final Map<String, Optional<InstanceFit>> fits = new HashMap<>();
  private final Map<String, Optional<InstanceFit>[]> plainFits = new HashMap<>();

  InstanceFitting(SelectionRun run) {
    this.run = run;
  }

  /** The instance type an image runs on, or {@code null} when none in the catalog can. */
  @Nullable InstanceFit fit(Image image) {
    if (image.platform().requiredCpuFeatures().isEmpty()) {
      // the common case: the fit depends on provider and architecture only
      Optional<InstanceFit>[] byArch = plainFits.get(image.id().provider());
      if (byArch == null) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Optional<InstanceFit>[] fresh = new Optional[Architecture.values().length];
        byArch = fresh;
        plainFits.put(image.id().provider(), byArch);
      }
      Optional<InstanceFit> f = byArch[image.platform().architecture().ordinal()];
      if (f == null) {
        f = Optional.ofNullable(choose(image, features(image)));
        byArch[image.platform().architecture().ordinal()] = f;
      }
      return f.orElse(null);
    }
    Set<String> features = features(image);
    String key =
        image.id().provider()
            + '|'
            + image.platform().architecture()
            + '|'
            + features
            + '|'
            + run.needsGpu;
    return fits.computeIfAbsent(key, k -> Optional.ofNullable(choose(image, features)))
        .orElse(null);
  }

  /** The CPU features the instance must have: the workload's and the image's, normalised. */
  Set<String> features(Image image) {
    Set<String> out = new TreeSet<>(run.selector.requiredCpuFeatures());
    for (String f : image.platform().requiredCpuFeatures()) {
      out.add(CpuFeatures.normalise(f));
    }
    return out;
  }

  /** What an image needs of an instance, for the reason when nothing fits. */
  String needs(Image image) {
    StringBuilder b = new StringBuilder(image.id().provider()).append(' ');
    b.append(image.platform().architecture().id());
    Set<String> f = features(image);
    if (!f.isEmpty()) {
      b.append(" with ").append(String.join(", ", f));
    }
    if (run.needsGpu) {
      b.append(" and a GPU");
    }
    return b.toString();
  }

  private @Nullable InstanceFit choose(Image image, Set<String> features) {
    List<InstanceType> pool = run.selector.instances().types(image.id().provider());
    if (pool.isEmpty()) {
      pool = run.selector.instances().types(); // local images: any provider's shapes
    }
    List<InstanceType> fitting = new ArrayList<>();
    for (InstanceType t : pool) {
      if (t.architecture() == image.platform().architecture()
          && t.missing(features).isEmpty()
          && (!run.needsGpu || t.hasGpu())) {
        fitting.add(t);
      }
    }
    List<String> preferred = run.scenario.instanceTypes();
    for (int i = 0; i < preferred.size(); i++) {
      for (InstanceType t : fitting) {
        if (t.name().equals(preferred.get(i))) {
          return new InstanceFit(t, i);
        }
      }
    }
    InstanceType reference =
        preferred.isEmpty() ? null : run.selector.instances().find(preferred.get(0)).orElse(null);
    return fitting.stream()
        .filter(t -> run.needsGpu || !t.hasGpu())
        .filter(
            t ->
                reference == null
                    || (t.vcpus() >= reference.vcpus()
                        && t.memoryGib().compareTo(reference.memoryGib()) >= 0))
        .min(
            Comparator.comparing((InstanceType t) -> t.onDemandPerHour().amount())
                .thenComparing(InstanceType::name))
        .map(t -> new InstanceFit(t, -1))
        .orElse(null);
  }
}
