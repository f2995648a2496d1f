package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A workload to choose an image for: the weights of the five dimensions, which kinds of image fit
 * and which fits best, the storage tier and strategy, the instance types to prefer (best first),
 * how many hours a month an instance runs and how it is bought, and the monthly budget per node the
 * cost score is measured against. An immutable value; six presets cover the seed's matrix and three
 * more workloads, and {@link #builder()} or {@link #load(Path)} make others.
 *
 * <pre>{@code
 * Scenario webShop = Scenario.builder()
 *     .name("web-shop")
 *     .monthlyBudget(Money.of("80", "EUR"))
 *     .hoursPerMonth(730)
 *     .pricing(PricingModel.RESERVED)
 *     .instanceTypes("c7g.large", "t4g.micro")
 *     .acceptedKinds(ImageFlavour.MINIMAL, ImageFlavour.STANDARD)
 *     .preferredKind(ImageFlavour.MINIMAL)
 *     .weights(new Weights(0.15, 0.10, 0.30, 0.30, 0.15))
 *     .build();
 * Scenario cheaper = Scenario.BATCH.toBuilder().name("nightly").hoursPerMonth(60).build();
 * }</pre>
 *
 * <p>The presets and the reasoning behind their values are built in {@code ScenarioPresets}; the
 * ranges each field must keep are checked by {@code ScenarioRules}, which {@code ScenarioReader}
 * shares when it reads a scenario file; {@link Weights} holds the dimension weights.
 *
 * <p>Over 400 lines because it is a value of eleven fields, each with its accessor, and the builder
 * that documents each field's range and default; the presets, the checks and file reading are in
 * the classes above.
 */
public final class Scenario {
  /** The most hours a month has (31 days). */
  public static final double MAX_HOURS_PER_MONTH = 744;

  /**
   * Many small, stateless services: a minimal image, hot and layered, on t4g.micro, reserved;
   * budget 10 USD a month.
   */
  public static final Scenario MICROSERVICE = ScenarioPresets.microservice();

  /**
   * A database cluster: a full image with database packages, warm with snapshots, on m6i.large,
   * reserved; support weighs most; budget 100 USD a month.
   */
  public static final Scenario DATABASE = ScenarioPresets.database();

  /**
   * Training jobs on GPUs: a GPU image, cold and distributed, on g4dn.xlarge, 200 hours on demand;
   * hardware fit weighs most; budget 300 USD a month.
   */
  public static final Scenario AI_TRAINING = ScenarioPresets.aiTraining();

  /**
   * Internet-facing web servers: a minimal image, hot and layered, on c7g.large, reserved; security
   * and performance weigh most; budget 60 USD a month.
   */
  public static final Scenario WEB_FRONTEND = ScenarioPresets.webFrontend();

  /**
   * Nightly and ad-hoc batch jobs: a standard image, warm with snapshots, on c7g.large, 160 hours
   * on demand; cost weighs most; budget 60 USD a month.
   */
  public static final Scenario BATCH = ScenarioPresets.batch();

  /**
   * Ephemeral CI runners: a full image with toolchains, hot and layered, on m6i.large, 220 hours on
   * demand; performance weighs most; budget 40 USD a month.
   */
  public static final Scenario CI_RUNNER = ScenarioPresets.ciRunner();

  private static final List<Scenario> PRESETS =
      List.of(MICROSERVICE, DATABASE, AI_TRAINING, WEB_FRONTEND, BATCH, CI_RUNNER);

  private final String name;
  private final Weights weights;
  private final ImageFlavour preferredKind;
  private final Set<ImageFlavour> acceptedKinds;
  private final StorageChoice storage;
  private final List<String> instanceTypes;
  private final GpuRequirement gpu;
  private final double hoursPerMonth;
  private final PricingModel pricing;
  private final Money monthlyBudget;
  private final List<String> packageHints;

  private Scenario(
      Builder b,
      String name,
      Money monthlyBudget,
      Set<ImageFlavour> acceptedKinds,
      ImageFlavour preferredKind) {
    this.name = name;
    this.weights = b.weights;
    this.preferredKind = preferredKind;
    this.acceptedKinds = Collections.unmodifiableSet(EnumSet.copyOf(acceptedKinds));
    this.storage = b.storage;
    this.instanceTypes = List.copyOf(b.instanceTypes);
    this.gpu = b.gpu;
    this.hoursPerMonth = b.hoursPerMonth;
    this.pricing = b.pricing;
    this.monthlyBudget = monthlyBudget;
    this.packageHints = List.copyOf(b.packageHints);
  }

  /** A builder with the defaults listed on each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this scenario's values, to derive another from it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.weights = weights;
    b.preferredKind = preferredKind;
    b.acceptedKinds.addAll(acceptedKinds);
    b.storage = storage;
    b.instanceTypes.addAll(instanceTypes);
    b.gpu = gpu;
    b.hoursPerMonth = hoursPerMonth;
    b.pricing = pricing;
    b.monthlyBudget = monthlyBudget;
    b.packageHints.addAll(packageHints);
    return b;
  }

  /** The six presets, in the order the command line lists them. */
  public static List<Scenario> presets() {
    return PRESETS;
  }

  /**
   * A preset by its {@link #name()} ({@code microservice}, {@code database}, {@code ai-training},
   * {@code web-frontend}, {@code batch}, {@code ci-runner}) or its constant's name ({@code
   * AI_TRAINING}), in any case.
   *
   * @throws InvalidInputException listing the presets
   */
  public static Scenario preset(String name) {
    return ScenarioPresets.find(PRESETS, name);
  }

  /**
   * The same as {@link #preset(String)}, for converters that turn command-line text into values.
   *
   * @throws InvalidInputException listing the presets
   */
  public static Scenario parse(String text) {
    return preset(text);
  }

  /**
   * Reads a custom scenario from a YAML or JSON file; the format is in {@code docs/selection.md}.
   * Unknown fields and repeated keys are refused.
   *
   * @throws InvalidInputException naming the file, the line and the field that is wrong
   * @throws io.cloudimage.core.error.NotFoundException when the file does not exist
   */
  public static Scenario load(Path file) {
    return ScenarioReader.read(file, null);
  }

  /**
   * As {@link #load(Path)}, and also refuses instance types that {@code instances} does not know,
   * so that a misspelt type is an error rather than a preference that never matches.
   *
   * @throws InvalidInputException naming the file, the line and the field that is wrong
   */
  public static Scenario load(Path file, InstanceCatalog instances) {
    return ScenarioReader.read(file, instances);
  }

  /** The name, such as {@code ai-training}: what the command line and the JSON output show. */
  public String name() {
    return name;
  }

  /** How much each dimension counts. */
  public Weights weights() {
    return weights;
  }

  /** The kind of image that fits best; always one of {@link #acceptedKinds()}. */
  public ImageFlavour preferredKind() {
    return preferredKind;
  }

  /** The kinds of image accepted at all; others are excluded. */
  public Set<ImageFlavour> acceptedKinds() {
    return acceptedKinds;
  }

  /** Whether images of this kind are accepted. */
  public boolean accepts(ImageFlavour kind) {
    return acceptedKinds.contains(kind);
  }

  /** The recommended storage tier and strategy. */
  public StorageChoice storage() {
    return storage;
  }

  /** Instance types to prefer, best first, across providers; never empty. */
  public List<String> instanceTypes() {
    return instanceTypes;
  }

  /** Whether the workload needs a GPU; images without a GPU driver are then excluded. */
  public GpuRequirement gpu() {
    return gpu;
  }

  /** Whether {@link #gpu()} is {@link GpuRequirement#REQUIRED}. */
  public boolean needsGpu() {
    return gpu == GpuRequirement.REQUIRED;
  }

  /** Hours per month an instance runs (on demand it is billed for these; reserved, for all). */
  public double hoursPerMonth() {
    return hoursPerMonth;
  }

  /** How compute is bought. */
  public PricingModel pricing() {
    return pricing;
  }

  /** The monthly cost per node at which the cost score is 50. */
  public Money monthlyBudget() {
    return monthlyBudget;
  }

  /**
   * Application packages a full image should carry for this workload (any one of them), matched
   * against the image's {@value ImageFlavour#PACKAGES_TAG} tag; empty when any will do.
   */
  public List<String> packageHints() {
    return packageHints;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Scenario s
        && name.equals(s.name)
        && weights.equals(s.weights)
        && preferredKind == s.preferredKind
        && acceptedKinds.equals(s.acceptedKinds)
        && storage.equals(s.storage)
        && instanceTypes.equals(s.instanceTypes)
        && gpu == s.gpu
        && Double.compare(hoursPerMonth, s.hoursPerMonth) == 0
        && pricing == s.pricing
        && monthlyBudget.equals(s.monthlyBudget)
        && packageHints.equals(s.packageHints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        weights,
        preferredKind,
        acceptedKinds,
        storage,
        instanceTypes,
        gpu,
        hoursPerMonth,
        pricing,
        monthlyBudget,
        packageHints);
  }

  /** The name, as people and error messages refer to a scenario. */
  @Override
  public String toString() {
    return name;
  }

  /**
   * Builds a {@link Scenario}. {@link #name}, {@link #monthlyBudget} and {@link #instanceTypes} are
   * required; each setter checks its value at once and {@link #build()} checks how they combine.
   * Invalid values throw {@link InvalidInputException} naming the field; a missing required value
   * throws {@link IllegalStateException}.
   */
  public static final class Builder {
    private @Nullable String name;
    private Weights weights = Weights.EQUAL;
    private @Nullable ImageFlavour preferredKind;
    private final Set<ImageFlavour> acceptedKinds = EnumSet.noneOf(ImageFlavour.class);
    private StorageChoice storage = new StorageChoice(StorageTier.HOT, StorageStrategy.LAYERED);
    private final List<String> instanceTypes = new ArrayList<>();
    private GpuRequirement gpu = GpuRequirement.NOT_REQUIRED;
    private double hoursPerMonth = 730;
    private PricingModel pricing = PricingModel.ON_DEMAND;
    private @Nullable Money monthlyBudget;
    private final List<String> packageHints = new ArrayList<>();

    Builder() {}

    /**
     * The name: letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64 characters, starting
     * with a letter or digit. Required.
     */
    public Builder name(String name) {
      this.name = ScenarioRules.name(name);
      return this;
    }

    /** The dimension weights; default {@link Weights#EQUAL}. */
    public Builder weights(Weights weights) {
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * The monthly cost per node, in any currency, at which the cost score is 50 (cheaper scores
     * higher). Costs are compared in the selector's currency, which defaults to this one. Must be
     * greater than zero and at most a billion. Required.
     */
    public Builder monthlyBudget(Money budget) {
      this.monthlyBudget = ScenarioRules.monthlyBudget(budget);
      return this;
    }

    /**
     * Hours per month an instance runs, more than 0 and at most {@value
     * Scenario#MAX_HOURS_PER_MONTH}; default 730 (all month). On demand, compute is billed for
     * these hours; reserved, for all.
     */
    public Builder hoursPerMonth(double hours) {
      this.hoursPerMonth = ScenarioRules.hoursPerMonth(hours);
      return this;
    }

    /** How compute is bought; default {@link PricingModel#ON_DEMAND}. */
    public Builder pricing(PricingModel pricing) {
      this.pricing = Objects.requireNonNull(pricing, "pricing");
      return this;
    }

    /** The instance types to prefer, best first; replaces any set before. Required, not empty. */
    public Builder instanceTypes(String... types) {
      return instanceTypes(List.of(types));
    }

    /** The instance types to prefer, best first; replaces any set before. Required, not empty. */
    public Builder instanceTypes(List<String> types) {
      List<String> checked = ScenarioRules.instanceTypes(types);
      instanceTypes.clear();
      instanceTypes.addAll(checked);
      return this;
    }

    /**
     * The kinds of image accepted; others are excluded. Replaces any set before; default every
     * kind.
     */
    public Builder acceptedKinds(ImageFlavour... kinds) {
      return acceptedKinds(List.of(kinds));
    }

    /** As {@link #acceptedKinds(ImageFlavour...)}. */
    public Builder acceptedKinds(Collection<ImageFlavour> kinds) {
      Set<ImageFlavour> copy = new LinkedHashSet<>(kinds);
      acceptedKinds.clear();
      acceptedKinds.addAll(copy);
      return this;
    }

    /**
     * The kind that fits best. Must be one of the accepted kinds; default {@link
     * ImageFlavour#STANDARD} when accepted, else the first accepted kind in {@link ImageFlavour}
     * order.
     */
    public Builder preferredKind(ImageFlavour kind) {
      this.preferredKind = Objects.requireNonNull(kind, "preferredKind");
      return this;
    }

    /** The recommended storage; default HOT + layered. */
    public Builder storage(StorageChoice storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The recommended storage tier and strategy; default HOT + layered. */
    public Builder storage(StorageTier tier, StorageStrategy strategy) {
      return storage(new StorageChoice(tier, strategy));
    }

    /** The workload needs a GPU: images without a GPU driver are excluded. */
    public Builder needsGpu() {
      return gpu(GpuRequirement.REQUIRED);
    }

    /** Whether the workload needs a GPU; default {@link GpuRequirement#NOT_REQUIRED}. */
    public Builder gpu(GpuRequirement gpu) {
      this.gpu = Objects.requireNonNull(gpu, "gpu");
      return this;
    }

    /**
     * Application packages a full image should carry (any one of them), such as {@code postgresql};
     * replaces any set before; default none.
     */
    public Builder packageHints(String... packages) {
      return packageHints(List.of(packages));
    }

    /** As {@link #packageHints(String...)}. */
    public Builder packageHints(List<String> packages) {
      List<String> checked = ScenarioRules.packageHints(packages);
      packageHints.clear();
      packageHints.addAll(checked);
      return this;
    }

    /**
     * The scenario.
     *
     * @throws IllegalStateException when the name, the budget or the instance types are missing
     * @throws InvalidInputException when the preferred kind is not accepted
     */
    public Scenario build() {
      String n = name;
      Money budget = monthlyBudget;
      if (n == null) {
        throw new IllegalStateException("Scenario.name is required");
      }
      if (budget == null) {
        throw new IllegalStateException("Scenario.monthlyBudget is required (scenario " + n + ")");
      }
      if (instanceTypes.isEmpty()) {
        throw new IllegalStateException(
            "Scenario.instanceTypes is required: at least one instance type (scenario " + n + ")");
      }
      Set<ImageFlavour> kinds = ScenarioRules.acceptedKinds(acceptedKinds);
      ImageFlavour preferred = ScenarioRules.preferredKind(preferredKind, kinds, n);
      return new Scenario(this, n, budget, kinds, preferred);
    }
  }
}
