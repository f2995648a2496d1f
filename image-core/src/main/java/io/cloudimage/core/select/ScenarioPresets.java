package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The six preset workloads, each with the reasoning behind its values. {@link Scenario} holds them
 * as constants ({@link Scenario#MICROSERVICE} ...); these methods build them, so that this class
 * has no state of its own and the constants are made once, when {@code Scenario} is loaded.
 *
 * <table>
 * <caption>The seed's matrix</caption>
 * <tr><th>scenario</th><th>image</th><th>storage</th><th>instance</th></tr>
 * <tr><td>microservice</td><td>minimal base OS</td><td>HOT + layered</td><td>t4g.micro</td></tr>
 * <tr><td>database</td><td>full, with application packages</td><td>WARM + snapshots</td>
 *     <td>m6i.large</td></tr>
 * <tr><td>ai-training</td><td>GPU image</td><td>COLD + distributed</td><td>g4dn.xlarge</td></tr>
 * </table>
 */
final class ScenarioPresets {
  private ScenarioPresets() {}

  /**
   * The preset named {@code name} (a scenario name such as {@code ai-training} or a constant's name
   * such as {@code AI_TRAINING}, in any case) among {@code presets}.
   *
   * @throws InvalidInputException listing the presets
   */
  static Scenario find(List<Scenario> presets, String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Scenario s : presets) {
      if (s.name().equals(wanted)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "unknown scenario '"
            + name
            + "'; use one of "
            + presets.stream().map(Scenario::name).collect(Collectors.joining(", ")));
  }

  /**
   * Many small, stateless services. A minimal base image boots fast and has little to patch; layers
   * on a hot tier let dozens of services share one base and launch quickly; a burstable ARM
   * instance (t4g.micro) is the cheapest that runs a small service all month, reserved.
   */
  static Scenario microservice() {
    return Scenario.builder()
        .name("microservice")
        .weights(new Weights(0.15, 0.15, 0.30, 0.15, 0.25))
        .acceptedKinds(ImageFlavour.MINIMAL, ImageFlavour.STANDARD)
        .preferredKind(ImageFlavour.MINIMAL)
        .storage(StorageTier.HOT, StorageStrategy.LAYERED)
        .instanceTypes("t4g.micro", "t3.micro", "ecs.t6-c1m1.large")
        .hoursPerMonth(730)
        .pricing(PricingModel.RESERVED)
        .monthlyBudget(Money.of("10", "USD"))
        .build();
  }

  /**
   * A database cluster. Long support matters most (a database node lives for years), then security;
   * a full image with the database packages installed and tuned avoids configuration drift between
   * nodes; a warm tier with snapshots gives cheap, restorable point-in-time copies; m6i.large gives
   * 8 GiB per two vCPUs with AVX-512, reserved because it runs all month.
   */
  static Scenario database() {
    return Scenario.builder()
        .name("database")
        .weights(new Weights(0.30, 0.15, 0.15, 0.25, 0.15))
        .acceptedKinds(ImageFlavour.FULL, ImageFlavour.STANDARD)
        .preferredKind(ImageFlavour.FULL)
        .storage(StorageTier.WARM, StorageStrategy.SNAPSHOTS)
        .instanceTypes(
            "m6i.large", "r6i.large", "m7g.large", "ecs.g7.large", "ecs.r7.large", "ecs.g8y.large")
        .hoursPerMonth(730)
        .pricing(PricingModel.RESERVED)
        .monthlyBudget(Money.of("100", "USD"))
        .packageHints("postgresql", "mysql", "mariadb", "mongodb", "redis", "patroni")
        .build();
  }

  /**
   * Training jobs on GPUs. Hardware fit dominates: the image must carry a GPU driver recent enough
   * for CUDA 12, and the instance a GPU (g4dn.xlarge, one NVIDIA T4, is the cheapest). Images are
   * large and launched rarely, so they sit on a cold tier and are pulled from distributed storage;
   * instances run on demand for the hours of training.
   */
  static Scenario aiTraining() {
    return Scenario.builder()
        .name("ai-training")
        .weights(new Weights(0.10, 0.40, 0.20, 0.10, 0.20))
        .acceptedKinds(ImageFlavour.GPU)
        .preferredKind(ImageFlavour.GPU)
        .storage(StorageTier.COLD, StorageStrategy.DISTRIBUTED)
        .instanceTypes("g4dn.xlarge", "g5.xlarge", "ecs.gn6i-c4g1.xlarge")
        .gpu(GpuRequirement.REQUIRED)
        .hoursPerMonth(200)
        .pricing(PricingModel.ON_DEMAND)
        .monthlyBudget(Money.of("300", "USD"))
        .build();
  }

  /**
   * Internet-facing web servers behind a load balancer. They face the internet, so security weighs
   * as much as performance (a scaling group launches them under load, so boot time counts); a
   * minimal image on a hot tier with layers; TLS and HTTP are compute-bound and run well on ARM, so
   * c7g.large (ecs.c8y.large on Alibaba Cloud), reserved for the base fleet.
   */
  static Scenario webFrontend() {
    return Scenario.builder()
        .name("web-frontend")
        .weights(new Weights(0.15, 0.10, 0.30, 0.30, 0.15))
        .acceptedKinds(ImageFlavour.MINIMAL, ImageFlavour.STANDARD)
        .preferredKind(ImageFlavour.MINIMAL)
        .storage(StorageTier.HOT, StorageStrategy.LAYERED)
        .instanceTypes("c7g.large", "m7g.large", "t4g.micro", "ecs.c8y.large", "ecs.g8y.large")
        .hoursPerMonth(730)
        .pricing(PricingModel.RESERVED)
        .monthlyBudget(Money.of("60", "USD"))
        .build();
  }

  /**
   * Nightly and ad-hoc batch jobs. Cost dominates: instances run a few hours a day on demand, so
   * the cheapest compute-optimised ARM type (c7g.large) wins; a standard image is enough, kept warm
   * with snapshots because it is launched daily but not every minute.
   */
  static Scenario batch() {
    return Scenario.builder()
        .name("batch")
        .weights(new Weights(0.10, 0.20, 0.20, 0.10, 0.40))
        .acceptedKinds(ImageFlavour.MINIMAL, ImageFlavour.STANDARD, ImageFlavour.FULL)
        .preferredKind(ImageFlavour.STANDARD)
        .storage(StorageTier.WARM, StorageStrategy.SNAPSHOTS)
        .instanceTypes("c7g.large", "m7g.large", "m6i.large", "ecs.c8y.large", "ecs.g8y.large")
        .hoursPerMonth(160)
        .pricing(PricingModel.ON_DEMAND)
        .monthlyBudget(Money.of("60", "USD"))
        .build();
  }

  /**
   * Ephemeral CI runners. Every job waits for a boot, so performance weighs most, and the image
   * should already hold the toolchains (a full image); it is rebuilt often and launched constantly,
   * so hot and layered. Many toolchains and the artefacts they build are still x86-only, so
   * m6i.large comes first; runners run on demand during working hours.
   */
  static Scenario ciRunner() {
    return Scenario.builder()
        .name("ci-runner")
        .weights(new Weights(0.10, 0.15, 0.40, 0.15, 0.20))
        .acceptedKinds(ImageFlavour.FULL, ImageFlavour.STANDARD)
        .preferredKind(ImageFlavour.FULL)
        .storage(StorageTier.HOT, StorageStrategy.LAYERED)
        .instanceTypes("m6i.large", "m7g.large", "ecs.g7.large", "ecs.g8y.large")
        .hoursPerMonth(220)
        .pricing(PricingModel.ON_DEMAND)
        .monthlyBudget(Money.of("40", "USD"))
        .packageHints("build-essential", "docker", "gcc", "openjdk", "git", "nodejs")
        .build();
  }
}
