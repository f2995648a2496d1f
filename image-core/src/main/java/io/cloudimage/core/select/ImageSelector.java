package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.catalog.OsLifecycleCatalog;
import io.cloudimage.core.cpu.CpuFeatures;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.ExchangeRates;
import io.cloudimage.core.pricing.PriceBook;
import java.time.Clock;
import java.util.Collection;
import java.util.Currency;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Ranks candidate images for a workload on five dimensions and recommends an image, a storage
 * strategy and an instance type, with the reasons for every score and every exclusion.
 *
 * <pre>{@code
 * ImageSelector selector = ImageSelector.builder()
 *     .scenario(Scenario.MICROSERVICE)
 *     .os(os -> os.family(OsFamily.UBUNTU).atLeast("22.04"))
 *     .architecture(Architecture.ARM64)
 *     .top(3)
 *     .build();
 * try (Stream<Image> candidates = CandidateCatalog.open(Path.of("catalog.json"))) {
 *   Selection selection = selector.select(candidates);
 *   selection.best().ifPresent(r -> System.out.println(r.image().name() + " on " + r.instanceType().name()));
 * }
 * }</pre>
 *
 * <p>Scoring streams: only the best {@link Builder#top(int) top} candidates and at most {@link
 * Builder#maxExcluded(int) maxExcluded} exclusions are held, so memory does not grow with the
 * number of candidates. Equal scores are ordered by image id ({@code provider/region/nativeId}), so
 * the ranking is the same for the same input in any order. An {@code ImageSelector} is immutable
 * and thread-safe; each {@code select} call works on its own state.
 *
 * <p>This class holds the settings and the three entry points; the work is done by job elsewhere:
 * {@code ExclusionRules} decides which images are candidates, {@code InstanceFitting} picks their
 * instance type, one {@link DimensionScorer} per dimension scores them, {@code RankingPass} keeps
 * the best and makes the recommendation, and {@code Comparison} explains one image against another.
 *
 * <p>Over 400 lines because its builder documents every option where it is set, with its unit and
 * default, and each setting has its accessor; no ranking or exclusion logic lives here.
 */
public final class ImageSelector {
  private final Scenario scenario;
  private final Weights weights;
  private final OsRequirement osRequirement;
  private final @Nullable Architecture architecture;
  private final Set<String> requiredCpuFeatures;
  private final GpuRequirement gpu;
  private final PublisherRequirement publishers;
  private final int maxKnownVulnerabilities;
  private final @Nullable CpuFeatures runsOn;
  private final int top;
  private final int maxExcluded;
  private final Clock clock;
  private final OsLifecycleCatalog osLifecycles;
  private final InstanceCatalog instances;
  private final PriceBook storagePrices;
  private final ExchangeRates exchangeRates;
  private final Currency currency;

  private ImageSelector(Builder b) {
    if (b.scenario == null) {
      throw new InvalidInputException(
          "ImageSelector.scenario is required; use one of "
              + Scenario.presets().stream().map(Scenario::name).collect(Collectors.joining(", ")));
    }
    this.scenario = b.scenario;
    this.weights = b.weights != null ? b.weights : b.scenario.weights();
    this.osRequirement = b.osRequirement;
    this.architecture = b.architecture;
    this.requiredCpuFeatures = Set.copyOf(b.requiredCpuFeatures);
    this.gpu = b.gpu;
    this.publishers = b.publishers;
    this.maxKnownVulnerabilities = b.maxKnownVulnerabilities;
    this.runsOn = b.runsOn;
    this.top = b.top;
    this.maxExcluded = b.maxExcluded;
    this.clock = b.clock;
    this.osLifecycles = b.osLifecycles != null ? b.osLifecycles : OsLifecycleCatalog.defaults();
    this.instances = b.instances != null ? b.instances : InstanceCatalog.defaults();
    this.storagePrices = b.storagePrices != null ? b.storagePrices : PriceBook.defaults();
    this.exchangeRates = b.exchangeRates;
    this.currency = b.currency != null ? b.currency : scenario.monthlyBudget().currency();
    ExclusionRules.checkConsistent(architecture, requiredCpuFeatures);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this selector's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.scenario = scenario;
    b.weights = weights;
    b.osRequirement = osRequirement;
    b.architecture = architecture;
    b.requiredCpuFeatures.addAll(requiredCpuFeatures);
    b.gpu = gpu;
    b.publishers = publishers;
    b.maxKnownVulnerabilities = maxKnownVulnerabilities;
    b.runsOn = runsOn;
    b.top = top;
    b.maxExcluded = maxExcluded;
    b.clock = clock;
    b.osLifecycles = osLifecycles;
    b.instances = instances;
    b.storagePrices = storagePrices;
    b.exchangeRates = exchangeRates;
    b.currency = currency;
    return b;
  }

  /**
   * Scores every candidate and returns the best {@code top} with reasons, the excluded ones with
   * theirs, and the recommendation. The stream is consumed, not closed.
   */
  public Selection select(Stream<Image> candidates) {
    return select(candidates.iterator());
  }

  /** As {@link #select(Stream)}, over an iterator. */
  public Selection select(Iterator<Image> candidates) {
    return new RankingPass(this).run(candidates);
  }

  /** As {@link #select(Stream)}, over a collection. */
  public Selection select(Collection<Image> candidates) {
    return select(candidates.iterator());
  }

  /**
   * One image judged alone: its ranked scores, or its exclusion with every reason.
   *
   * @return a {@link RankedImage} or an {@link Exclusion}
   */
  public Evaluation evaluate(Image image) {
    Evaluator ev = new Evaluator(this);
    String reason = ev.exclusion(image, true);
    if (reason != null) {
      return new Exclusion(image.id(), reason);
    }
    return ev.ranked(image, Objects.requireNonNull(ev.fit(image)));
  }

  /**
   * Why {@code a} ranks above {@code b} (or below), dimension by dimension: each dimension's two
   * scores, its weight and how many points of the total it gives the winner.
   */
  public Explanation explain(Image a, Image b) {
    return new Comparison(this).explain(a, b);
  }

  // ------------------------------------------------------------------ accessors

  /** The scenario. */
  public Scenario scenario() {
    return scenario;
  }

  /** The weights in force (the scenario's unless set). */
  public Weights weights() {
    return weights;
  }

  /** The OS requirement. */
  public OsRequirement osRequirement() {
    return osRequirement;
  }

  /** The required architecture, or {@code null} for any. */
  public @Nullable Architecture architecture() {
    return architecture;
  }

  /** CPU features the workload needs, as kernel flags. */
  public Set<String> requiredCpuFeatures() {
    return requiredCpuFeatures;
  }

  /**
   * Whether a GPU is required beyond what the scenario says; the workload needs one when either
   * requires it.
   */
  public GpuRequirement gpu() {
    return gpu;
  }

  /** Which publishers are accepted. */
  public PublisherRequirement publishers() {
    return publishers;
  }

  /** The most known vulnerabilities accepted, or {@code -1} for no limit. */
  public int maxKnownVulnerabilities() {
    return maxKnownVulnerabilities;
  }

  /** The machine candidates must run on, or {@code null}. */
  public @Nullable CpuFeatures runsOn() {
    return runsOn;
  }

  /** How many ranked candidates are kept. */
  public int top() {
    return top;
  }

  /** How many exclusions are kept with their reasons; the rest are only counted. */
  public int maxExcluded() {
    return maxExcluded;
  }

  /** The clock "today" comes from. */
  public Clock clock() {
    return clock;
  }

  /** The OS lifecycle data. */
  public OsLifecycleCatalog osLifecycles() {
    return osLifecycles;
  }

  /** The instance catalog. */
  public InstanceCatalog instances() {
    return instances;
  }

  /** The storage prices. */
  public PriceBook storagePrices() {
    return storagePrices;
  }

  /** The exchange rates used to compare costs. */
  public ExchangeRates exchangeRates() {
    return exchangeRates;
  }

  /** The currency costs are compared in. */
  public Currency currency() {
    return currency;
  }

  /** Builds an {@link ImageSelector}; only {@link #scenario} is required. */
  public static final class Builder {
    private @Nullable Scenario scenario;
    private @Nullable Weights weights;
    private OsRequirement osRequirement = OsRequirement.ANY;
    private @Nullable Architecture architecture;
    private final Set<String> requiredCpuFeatures = new TreeSet<>();
    private GpuRequirement gpu = GpuRequirement.NOT_REQUIRED;
    private PublisherRequirement publishers = PublisherRequirement.ANY;
    private int maxKnownVulnerabilities = -1;
    private @Nullable CpuFeatures runsOn;
    private int top = 5;
    private int maxExcluded = 1000;
    private Clock clock = Clock.systemUTC();
    private @Nullable OsLifecycleCatalog osLifecycles;
    private @Nullable InstanceCatalog instances;
    private @Nullable PriceBook storagePrices;
    private ExchangeRates exchangeRates = ExchangeRates.none();
    private @Nullable Currency currency;

    Builder() {}

    /** The workload; sets weights, accepted images, storage and instance preferences. Required. */
    public Builder scenario(Scenario scenario) {
      this.scenario = scenario;
      return this;
    }

    /** A preset workload by its name, such as {@code ai-training}; see {@link Scenario#preset}. */
    public Builder scenario(String name) {
      return scenario(Scenario.preset(name));
    }

    /** Weights replacing the scenario's. */
    public Builder weights(Weights weights) {
      this.weights = weights;
      return this;
    }

    /**
     * Weights as the command line gives them ({@code os=0.3,cost=0.4}); dimensions not named keep
     * the scenario's weight. Set {@link #scenario} first.
     */
    public Builder weights(String text) {
      Weights base =
          weights != null ? weights : scenario != null ? scenario.weights() : Weights.EQUAL;
      this.weights = Weights.parse(text, base);
      return this;
    }

    /** The OS requirement. */
    public Builder os(OsRequirement requirement) {
      this.osRequirement = requirement;
      return this;
    }

    /**
     * The OS requirement, built in place: {@code .os(os -> os.family(UBUNTU).atLeast("22.04"))}.
     */
    public Builder os(Consumer<OsRequirement.Builder> requirement) {
      OsRequirement.Builder b = OsRequirement.builder();
      requirement.accept(b);
      return os(b.build());
    }

    /** Only images of this architecture; default any. */
    public Builder architecture(@Nullable Architecture architecture) {
      this.architecture = architecture;
      return this;
    }

    /**
     * CPU features the workload needs on its instance ({@code avx512}, {@code sve}; names as {@link
     * CpuFeatures#normalise} reads them). Images are scored higher when built for them.
     */
    public Builder requireCpuFeatures(String... features) {
      for (String f : features) {
        requiredCpuFeatures.add(CpuFeatures.normalise(f));
      }
      return this;
    }

    /** Requires a GPU even when the scenario does not. */
    public Builder requireGpu() {
      return gpu(GpuRequirement.REQUIRED);
    }

    /**
     * Whether a GPU is required beyond what the scenario says; default {@link
     * GpuRequirement#NOT_REQUIRED}, which leaves it to the scenario.
     */
    public Builder gpu(GpuRequirement gpu) {
      this.gpu = Objects.requireNonNull(gpu, "gpu");
      return this;
    }

    /** Excludes images from publishers that are not verified. */
    public Builder requireVerifiedPublisher() {
      return publishers(PublisherRequirement.VERIFIED);
    }

    /** Which publishers to accept images from; default {@link PublisherRequirement#ANY}. */
    public Builder publishers(PublisherRequirement publishers) {
      this.publishers = Objects.requireNonNull(publishers, "publishers");
      return this;
    }

    /** Excludes images with more known vulnerabilities; {@code -1} (default) for no limit. */
    public Builder maxKnownVulnerabilities(int max) {
      if (max < -1) {
        throw new InvalidInputException("maxKnownVulnerabilities must be >= -1, was " + max);
      }
      this.maxKnownVulnerabilities = max;
      return this;
    }

    /**
     * Excludes images that cannot run on this processor (architecture, required instruction set),
     * such as {@code CpuFeatures.detect()} for "runs here".
     */
    public Builder runsOn(@Nullable CpuFeatures cpu) {
      this.runsOn = cpu;
      return this;
    }

    /**
     * How many ranked candidates to keep and return, at least 1; default 5. A limit, not a size:
     * memory grows with the candidates actually kept, so {@link Integer#MAX_VALUE} ranks them all.
     */
    public Builder top(int top) {
      if (top < 1) {
        throw new InvalidInputException("top must be >= 1, was " + top);
      }
      this.top = top;
      return this;
    }

    /** How many exclusions to keep with reasons (the rest are counted); default 1000. */
    public Builder maxExcluded(int max) {
      if (max < 0) {
        throw new InvalidInputException("maxExcluded must be >= 0, was " + max);
      }
      this.maxExcluded = max;
      return this;
    }

    /** The clock "today" comes from (support left, patch age); default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** OS lifecycle data; default {@link OsLifecycleCatalog#defaults()}. */
    public Builder osLifecycles(OsLifecycleCatalog catalog) {
      this.osLifecycles = catalog;
      return this;
    }

    /** Instance types; default {@link InstanceCatalog#defaults()}. */
    public Builder instances(InstanceCatalog catalog) {
      this.instances = catalog;
      return this;
    }

    /** Storage prices; default {@link PriceBook#defaults()}. */
    public Builder storagePrices(PriceBook book) {
      this.storagePrices = book;
      return this;
    }

    /**
     * Rates to compare costs in different currencies; default none, so a cost in a currency other
     * than {@link #currency} is not compared and its reason says so.
     */
    public Builder exchangeRates(ExchangeRates rates) {
      this.exchangeRates = rates;
      return this;
    }

    /**
     * The currency costs are compared in (ISO-4217); default the currency of the scenario's {@link
     * Scenario#monthlyBudget() budget} (USD for the presets).
     */
    public Builder currency(String code) {
      try {
        this.currency = Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("unknown currency code '" + code + "'; use e.g. USD", e);
      }
      return this;
    }

    /**
     * The selector.
     *
     * @throws InvalidInputException when the scenario is missing or options contradict
     */
    public ImageSelector build() {
      return new ImageSelector(this);
    }
  }
}
