package io.cloudimage.core.select;

import io.cloudimage.core.cost.PricingModel;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seed's scenario matrix and three more presets. A scenario sets the weights of the five
 * dimensions, which kinds of image fit, the storage tier and strategy, the instance types to prefer
 * (AWS and Alibaba Cloud, best first), how many hours a month the instance runs and how it is
 * bought, and the monthly budget the cost score is measured against.
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
public enum Scenario {
  /**
   * Many small, stateless services. A minimal base image boots fast and has little to patch; layers
   * on a hot tier let dozens of services share one base and launch quickly; a burstable ARM
   * instance (t4g.micro) is the cheapest that runs a small service all month, reserved.
   */
  MICROSERVICE(
      "microservice",
      new Weights(0.15, 0.15, 0.30, 0.15, 0.25),
      ImageFlavour.MINIMAL,
      EnumSet.of(ImageFlavour.MINIMAL, ImageFlavour.STANDARD),
      new StorageChoice(StorageTier.HOT, StorageStrategy.LAYERED),
      List.of("t4g.micro", "t3.micro", "ecs.t6-c1m1.large"),
      false,
      730,
      PricingModel.RESERVED,
      10,
      List.of()),
  /**
   * A database cluster. Long support matters most (a database node lives for years), then security;
   * a full image with the database packages installed and tuned avoids configuration drift between
   * nodes; a warm tier with snapshots gives cheap, restorable point-in-time copies; m6i.large gives
   * 8 GiB per two vCPUs with AVX-512, reserved because it runs all month.
   */
  DATABASE(
      "database",
      new Weights(0.30, 0.15, 0.15, 0.25, 0.15),
      ImageFlavour.FULL,
      EnumSet.of(ImageFlavour.FULL, ImageFlavour.STANDARD),
      new StorageChoice(StorageTier.WARM, StorageStrategy.SNAPSHOTS),
      List.of(
          "m6i.large", "r6i.large", "m7g.large", "ecs.g7.large", "ecs.r7.large", "ecs.g8y.large"),
      false,
      730,
      PricingModel.RESERVED,
      100,
      List.of("postgresql", "mysql", "mariadb", "mongodb", "redis", "patroni")),
  /**
   * Training jobs on GPUs. Hardware fit dominates: the image must carry a GPU driver recent enough
   * for CUDA 12, and the instance a GPU (g4dn.xlarge, one NVIDIA T4, is the cheapest). Images are
   * large and launched rarely, so they sit on a cold tier and are pulled from distributed storage;
   * instances run on demand for the hours of training.
   */
  AI_TRAINING(
      "ai-training",
      new Weights(0.10, 0.40, 0.20, 0.10, 0.20),
      ImageFlavour.GPU,
      EnumSet.of(ImageFlavour.GPU),
      new StorageChoice(StorageTier.COLD, StorageStrategy.DISTRIBUTED),
      List.of("g4dn.xlarge", "g5.xlarge", "ecs.gn6i-c4g1.xlarge"),
      true,
      200,
      PricingModel.ON_DEMAND,
      300,
      List.of()),
  /**
   * Internet-facing web servers behind a load balancer. They face the internet, so security weighs
   * as much as performance (a scaling group launches them under load, so boot time counts); a
   * minimal image on a hot tier with layers; TLS and HTTP are compute-bound and run well on ARM, so
   * c7g.large (ecs.c8y.large on Alibaba Cloud), reserved for the base fleet.
   */
  WEB_FRONTEND(
      "web-frontend",
      new Weights(0.15, 0.10, 0.30, 0.30, 0.15),
      ImageFlavour.MINIMAL,
      EnumSet.of(ImageFlavour.MINIMAL, ImageFlavour.STANDARD),
      new StorageChoice(StorageTier.HOT, StorageStrategy.LAYERED),
      List.of("c7g.large", "m7g.large", "t4g.micro", "ecs.c8y.large", "ecs.g8y.large"),
      false,
      730,
      PricingModel.RESERVED,
      60,
      List.of()),
  /**
   * Nightly and ad-hoc batch jobs. Cost dominates: instances run a few hours a day on demand, so
   * the cheapest compute-optimised ARM type (c7g.large) wins; a standard image is enough, kept warm
   * with snapshots because it is launched daily but not every minute.
   */
  BATCH(
      "batch",
      new Weights(0.10, 0.20, 0.20, 0.10, 0.40),
      ImageFlavour.STANDARD,
      EnumSet.of(ImageFlavour.MINIMAL, ImageFlavour.STANDARD, ImageFlavour.FULL),
      new StorageChoice(StorageTier.WARM, StorageStrategy.SNAPSHOTS),
      List.of("c7g.large", "m7g.large", "m6i.large", "ecs.c8y.large", "ecs.g8y.large"),
      false,
      160,
      PricingModel.ON_DEMAND,
      60,
      List.of()),
  /**
   * Ephemeral CI runners. Every job waits for a boot, so performance weighs most, and the image
   * should already hold the toolchains (a full image); it is rebuilt often and launched constantly,
   * so hot and layered. Many toolchains and the artefacts they build are still x86-only, so
   * m6i.large comes first; runners run on demand during working hours.
   */
  CI_RUNNER(
      "ci-runner",
      new Weights(0.10, 0.15, 0.40, 0.15, 0.20),
      ImageFlavour.FULL,
      EnumSet.of(ImageFlavour.FULL, ImageFlavour.STANDARD),
      new StorageChoice(StorageTier.HOT, StorageStrategy.LAYERED),
      List.of("m6i.large", "m7g.large", "ecs.g7.large", "ecs.g8y.large"),
      false,
      220,
      PricingModel.ON_DEMAND,
      40,
      List.of("build-essential", "docker", "gcc", "openjdk", "git", "nodejs"));

  private final String id;
  private final Weights weights;
  private final ImageFlavour preferredFlavour;
  private final Set<ImageFlavour> acceptedFlavours;
  private final StorageChoice storage;
  private final List<String> instanceTypes;
  private final boolean needsGpu;
  private final double hoursPerMonth;
  private final PricingModel pricing;
  private final double monthlyBudgetUsd;
  private final List<String> packageHints;

  Scenario(
      String id,
      Weights weights,
      ImageFlavour preferredFlavour,
      Set<ImageFlavour> acceptedFlavours,
      StorageChoice storage,
      List<String> instanceTypes,
      boolean needsGpu,
      double hoursPerMonth,
      PricingModel pricing,
      double monthlyBudgetUsd,
      List<String> packageHints) {
    this.id = id;
    this.weights = weights;
    this.preferredFlavour = preferredFlavour;
    this.acceptedFlavours = Set.copyOf(acceptedFlavours);
    this.storage = storage;
    this.instanceTypes = instanceTypes;
    this.needsGpu = needsGpu;
    this.hoursPerMonth = hoursPerMonth;
    this.pricing = pricing;
    this.monthlyBudgetUsd = monthlyBudgetUsd;
    this.packageHints = packageHints;
  }

  /**
   * Application packages a full image should carry for this workload (any one of them), matched
   * against the image's {@value ImageFlavour#PACKAGES_TAG} tag; empty when any will do.
   */
  public List<String> packageHints() {
    return packageHints;
  }

  /** The name on the command line, such as {@code ai-training}. */
  public String id() {
    return id;
  }

  /** The default weights. */
  public Weights weights() {
    return weights;
  }

  /** The kind of image that fits best. */
  public ImageFlavour preferredFlavour() {
    return preferredFlavour;
  }

  /** The kinds of image accepted at all; others are excluded. */
  public Set<ImageFlavour> acceptedFlavours() {
    return acceptedFlavours;
  }

  /** The recommended storage tier and strategy. */
  public StorageChoice storage() {
    return storage;
  }

  /** Instance types to prefer, best first, across providers. */
  public List<String> instanceTypes() {
    return instanceTypes;
  }

  /** Whether the workload needs a GPU. */
  public boolean needsGpu() {
    return needsGpu;
  }

  /** Hours per month an instance runs. */
  public double hoursPerMonth() {
    return hoursPerMonth;
  }

  /** How compute is bought. */
  public PricingModel pricing() {
    return pricing;
  }

  /** The monthly cost per node (USD) at which the cost score is 50. */
  public double monthlyBudgetUsd() {
    return monthlyBudgetUsd;
  }

  /**
   * Parses a scenario by its {@link #id()} ({@code microservice}, {@code database}, {@code
   * ai-training}, {@code web-frontend}, {@code batch}, {@code ci-runner}) or constant name.
   *
   * @throws InvalidInputException listing the scenarios
   */
  public static Scenario parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Scenario s : values()) {
      if (s.id.equals(t) || s.name().toLowerCase(Locale.ROOT).equals(t.replace('-', '_'))) {
        return s;
      }
    }
    throw new InvalidInputException(
        "unknown scenario '"
            + text
            + "'; use one of "
            + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
  }
}
