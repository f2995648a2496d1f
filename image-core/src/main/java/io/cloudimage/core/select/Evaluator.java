package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.catalog.OsLifecycle;
import io.cloudimage.core.catalog.RegionalStoragePrices;
import io.cloudimage.core.cost.PricingModel;
import io.cloudimage.core.cpu.CpuFeatures;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Money;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.SignatureStatus;
import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Scores and excludes candidates for one selection run. Not thread-safe: it caches lifecycle,
 * instance and price look-ups, which repeat across thousands of candidates. Reasons are only
 * written when a list to write them to is passed, so ranking 100,000 candidates builds strings only
 * for the few that are kept.
 */
final class Evaluator {
  private static final double DAYS_PER_YEAR = 365.25;
  private static final Pattern DRIVER_MAJOR = Pattern.compile("(\\d{3,})");
  private static final int CUDA12_DRIVER = 525;
  private static final double BYTES_PER_GB = 1L << 30;
  private static final long SECONDS_PER_DAY = 86_400;

  private final ImageSelector s;
  private final Scenario scenario;
  private final Instant now;
  private final LocalDate today;
  private final Currency currency;
  private final Map<String, Optional<Fit>> fits = new HashMap<>();
  private final Map<String, double[]> storagePerGb = new HashMap<>();
  private final Map<String, String> storageProvider = new HashMap<>();
  private final Map<Currency, Double> rates = new HashMap<>();
  private final Map<String, Optional<Fit>[]> plainFits = new HashMap<>();
  private final Map<String, Boolean> versionFits = new HashMap<>();
  private final Map<String, Integer> driverMajors = new HashMap<>();
  private final Map<InstanceType, Double> computeMonthly = new IdentityHashMap<>();
  private final long todayEpochDay;
  private final double budget;
  private final boolean needsGpu;
  private final boolean[] accepted;
  private final @Nullable LocalDate supportNeededUntil;
  private final boolean reserved;
  private final double computeHours;

  /** Lifecycle look-ups by OS family, then by version text. */
  private final List<Map<String, Life>> lifecycles;

  // the candidate scored last and what was looked up for it: exclusion and scoring ask twice
  private @Nullable Image lastImage;
  private @Nullable Life lastLife;
  private @Nullable ImageFlavour lastFlavour;

  // the storage prices of the last region looked up
  private String lastRegion = "";
  private String lastProvider = "";
  private double[] lastTiers = new double[0];

  // the monthly compute cost of the last instance type looked up
  private @Nullable InstanceType lastComputeType;
  private double lastCompute;

  /** An instance type chosen for an image and its place in the scenario's preference list. */
  record Fit(InstanceType type, int preference) {}

  /**
   * A lifecycle look-up and what depends on it alone: the OS score and the monthly licence cost,
   * computed on first use.
   */
  private static final class Life {
    final @Nullable OsLifecycle life;
    double osScore = Double.NaN;
    boolean licenceKnown;
    boolean licensed;
    double licenceMonthly;

    Life(@Nullable OsLifecycle life) {
      this.life = life;
    }
  }

  Evaluator(ImageSelector selector) {
    this.s = selector;
    this.scenario = selector.scenario();
    this.now = selector.clock().instant();
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.currency = selector.currency();
    this.todayEpochDay = today.toEpochDay();
    Money budgetMoney = scenario.monthlyBudget();
    double amount = budgetMoney.amount().doubleValue();
    double b = amount * rate(budgetMoney.currency());
    this.budget = Double.isNaN(b) ? amount : b;
    this.needsGpu = scenario.needsGpu() || selector.requireGpu();
    this.accepted = new boolean[ImageFlavour.values().length];
    for (ImageFlavour f : scenario.acceptedKinds()) {
      accepted[f.ordinal()] = true;
    }
    Period minSupport = selector.osRequirement().minSupportLeft();
    this.supportNeededUntil = minSupport.isZero() ? null : today.plus(minSupport);
    this.reserved = scenario.pricing() == PricingModel.RESERVED;
    this.computeHours = reserved ? 730 : scenario.hoursPerMonth();
    List<Map<String, Life>> byFamily = new ArrayList<>(OsFamily.values().length);
    for (int i = 0; i < OsFamily.values().length; i++) {
      byFamily.add(new HashMap<>());
    }
    this.lifecycles = byFamily;
  }

  LocalDate today() {
    return today;
  }

  // ---------------------------------------------------------------- requirements

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
    if (deprecation != null && !deprecation.isAfter(now)) {
      out = true;
      if (why != null) {
        why.add("deprecated since " + deprecation);
      }
    }
    if (image.signature() == SignatureStatus.INVALID) {
      out = true;
      add(why, "its signature is present and INVALID; do not launch it");
    }
    Architecture arch = s.architecture();
    if (arch != null && image.architecture() != arch) {
      out = true;
      if (why != null) {
        why.add("architecture " + image.architecture() + ", " + arch + " required");
      }
    }
    OsRequirement req = s.osRequirement();
    if (req.family() != null && image.os().family() != req.family()) {
      out = true;
      if (why != null) {
        why.add("OS " + image.os() + ", family " + req.family() + " required");
      }
    }
    if (!versionFits(req, image)) {
      out = true;
      if (why != null) {
        why.add(
            "OS version "
                + image.os().version()
                + " outside the required range "
                + (req.atLeast() == null ? "" : ">= " + req.atLeast())
                + (req.atMost() == null ? "" : " <= " + req.atMost()));
      }
    }
    OsLifecycle life = lifecycle(image);
    if (life != null) {
      if (!life.supported(today) && !req.allowEndOfLife()) {
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
        why.add("no lifecycle data for " + image.os() + " to prove the support required");
      }
    }
    ImageFlavour flavour = flavour(image);
    if (!accepted[flavour.ordinal()]) {
      out = true;
      if (why != null) {
        why.add(
            "it is "
                + flavour.describe()
                + "; "
                + scenario.name()
                + " takes "
                + describe(scenario.acceptedKinds()));
      }
    }
    if (needsGpu && image.gpuDriver() == null) {
      out = true;
      add(why, "no GPU driver in the image; the workload needs a GPU");
    }
    if (s.requireVerifiedPublisher() && !image.verifiedPublisher()) {
      out = true;
      add(why, "publisher not verified, a verified publisher is required");
    }
    if (s.maxKnownVulnerabilities() >= 0
        && image.knownVulnerabilities() > s.maxKnownVulnerabilities()) {
      out = true;
      if (why != null) {
        why.add(
            image.knownVulnerabilities()
                + " known vulnerabilities, at most "
                + s.maxKnownVulnerabilities()
                + " allowed");
      }
    }
    CpuFeatures host = s.runsOn();
    if (host != null && !host.canRun(image)) {
      out = true;
      if (why != null) {
        why.add(
            "does not run on this machine: it lacks " + String.join(", ", host.missingFor(image)));
      }
    }
    if (!out && fit(image) == null) {
      out = true;
      if (why != null) {
        why.add("no instance type in the catalog runs it: " + needs(image));
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
    String version = image.os().version();
    Boolean fits = versionFits.get(version);
    if (fits == null) {
      fits = req.versionFits(image.os());
      versionFits.put(version, fits);
    }
    return fits;
  }

  private static void add(@Nullable List<String> why, String reason) {
    if (why != null) {
      why.add(reason);
    }
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

  private String needs(Image image) {
    StringBuilder b = new StringBuilder(image.id().provider()).append(' ');
    b.append(image.architecture().id());
    Set<String> f = features(image);
    if (!f.isEmpty()) {
      b.append(" with ").append(String.join(", ", f));
    }
    if (needsGpu) {
      b.append(" and a GPU");
    }
    return b.toString();
  }

  private Set<String> features(Image image) {
    Set<String> out = new TreeSet<>(s.requiredCpuFeatures());
    for (String f : image.requiredCpuFeatures()) {
      out.add(CpuFeatures.normalise(f));
    }
    return out;
  }

  // ---------------------------------------------------------------- look-ups

  @Nullable OsLifecycle lifecycle(Image image) {
    return life(image).life;
  }

  /** The lifecycle look-up for an image's OS, memoised per family and version. */
  private Life life(Image image) {
    if (image == lastImage && lastLife != null) {
      return lastLife;
    }
    OperatingSystem os = image.os();
    Map<String, Life> byVersion = lifecycles.get(os.family().ordinal());
    Life l = byVersion.get(os.version());
    if (l == null) {
      // the catalog matches on family and version only
      l = new Life(s.osLifecycles().find(os).orElse(null));
      byVersion.put(os.version(), l);
    }
    if (image != lastImage) {
      lastImage = image;
      lastFlavour = null;
    }
    lastLife = l;
    return l;
  }

  /** The image's flavour, memoised for the last candidate. */
  private ImageFlavour flavour(Image image) {
    if (image == lastImage && lastFlavour != null) {
      return lastFlavour;
    }
    ImageFlavour f = ImageFlavour.of(image);
    if (image != lastImage) {
      lastImage = image;
      lastLife = null;
    }
    lastFlavour = f;
    return f;
  }

  /** The instance type an image runs on, or {@code null} when none in the catalog can. */
  @Nullable Fit fit(Image image) {
    if (image.requiredCpuFeatures().isEmpty()) {
      // the common case: the fit depends on provider and architecture only
      Optional<Fit>[] byArch = plainFits.get(image.id().provider());
      if (byArch == null) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Optional<Fit>[] fresh = new Optional[Architecture.values().length];
        byArch = fresh;
        plainFits.put(image.id().provider(), byArch);
      }
      Optional<Fit> f = byArch[image.architecture().ordinal()];
      if (f == null) {
        f = Optional.ofNullable(chooseFit(image, features(image)));
        byArch[image.architecture().ordinal()] = f;
      }
      return f.orElse(null);
    }
    Set<String> features = features(image);
    String key =
        image.id().provider() + '|' + image.architecture() + '|' + features + '|' + needsGpu;
    return fits.computeIfAbsent(key, k -> Optional.ofNullable(chooseFit(image, features)))
        .orElse(null);
  }

  private @Nullable Fit chooseFit(Image image, Set<String> features) {
    List<InstanceType> pool = s.instances().types(image.id().provider());
    if (pool.isEmpty()) {
      pool = s.instances().types(); // local images: any provider's shapes
    }
    List<InstanceType> fitting = new ArrayList<>();
    for (InstanceType t : pool) {
      if (t.architecture() == image.architecture()
          && t.missing(features).isEmpty()
          && (!needsGpu || t.hasGpu())) {
        fitting.add(t);
      }
    }
    List<String> preferred = scenario.instanceTypes();
    for (int i = 0; i < preferred.size(); i++) {
      for (InstanceType t : fitting) {
        if (t.name().equals(preferred.get(i))) {
          return new Fit(t, i);
        }
      }
    }
    InstanceType reference =
        preferred.isEmpty() ? null : s.instances().find(preferred.get(0)).orElse(null);
    return fitting.stream()
        .filter(t -> needsGpu || !t.hasGpu())
        .filter(
            t ->
                reference == null
                    || (t.vcpus() >= reference.vcpus()
                        && t.memoryGib().compareTo(reference.memoryGib()) >= 0))
        .min(
            Comparator.comparing((InstanceType t) -> t.onDemandPerHour().amount())
                .thenComparing(InstanceType::name))
        .map(t -> new Fit(t, -1))
        .orElse(null);
  }

  /** Units of the scoring currency per unit of {@code from}, or NaN when no rate is known. */
  private double rate(Currency from) {
    Double r = rates.get(from);
    if (r == null) {
      r = s.exchangeRates().rate(from, currency).map(BigDecimal::doubleValue).orElse(Double.NaN);
      rates.put(from, r);
    }
    return r;
  }

  // ---------------------------------------------------------------- scoring

  double total(Image image, Fit fit) {
    Weights w = s.weights();
    double sum =
        w.os() * os(image, null)
            + w.hardware() * hardware(image, fit, null)
            + w.performance() * performance(image, null)
            + w.security() * security(image, null)
            + w.cost() * cost(image, fit, null);
    return sum / w.sum();
  }

  RankedImage ranked(Image image, Fit fit) {
    Map<Dimension, DimensionScore> dims = new EnumMap<>(Dimension.class);
    List<String> why = new ArrayList<>();
    dims.put(Dimension.OS, new DimensionScore(Dimension.OS, os(image, why), why));
    why = new ArrayList<>();
    dims.put(
        Dimension.HARDWARE, new DimensionScore(Dimension.HARDWARE, hardware(image, fit, why), why));
    why = new ArrayList<>();
    dims.put(
        Dimension.PERFORMANCE,
        new DimensionScore(Dimension.PERFORMANCE, performance(image, why), why));
    why = new ArrayList<>();
    dims.put(Dimension.SECURITY, new DimensionScore(Dimension.SECURITY, security(image, why), why));
    why = new ArrayList<>();
    dims.put(Dimension.COST, new DimensionScore(Dimension.COST, cost(image, fit, why), why));
    return new RankedImage(image, total(image, fit), dims, fit.type());
  }

  private static double clamp01(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  private static String oneDecimal(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }

  /** Support left (60), cadence (20), licence (20). */
  double os(Image image, @Nullable List<String> why) {
    Life l = life(image);
    if (why == null) {
      // the score depends on the lifecycle alone
      if (Double.isNaN(l.osScore)) {
        l.osScore = osScore(image, l.life, null);
      }
      return l.osScore;
    }
    return osScore(image, l.life, why);
  }

  private double osScore(Image image, @Nullable OsLifecycle life, @Nullable List<String> why) {
    if (life == null) {
      if (why != null) {
        why.add("no lifecycle data for " + image.os() + "; support window unknown");
      }
      return 30;
    }
    double points;
    if (life.inStandardSupport(today)) {
      double years = ChronoUnit.DAYS.between(today, life.endOfStandardSupport()) / DAYS_PER_YEAR;
      points = 60 * clamp01(years / 5);
      if (why != null) {
        why.add(
            life.name()
                + ": standard support until "
                + life.endOfStandardSupport()
                + " ("
                + oneDecimal(years)
                + " years left)");
      }
    } else if (life.supported(today)) {
      double years = ChronoUnit.DAYS.between(today, life.endOfExtendedSupport()) / DAYS_PER_YEAR;
      points = 15 * clamp01(years / 5);
      if (why != null) {
        why.add(
            life.name()
                + ": standard support ended "
                + life.endOfStandardSupport()
                + "; only extended (paid or limited) support until "
                + life.endOfExtendedSupport());
      }
    } else {
      points = 0;
      if (why != null) {
        why.add(life.name() + ": out of all support since " + life.endOfExtendedSupport());
      }
    }
    switch (life.cadence()) {
      case LONG_TERM:
        points += 20;
        add(why, "long-term release cadence: few forced rebuilds");
        break;
      case CONTINUOUS:
        points += 15;
        add(why, "continuous cadence: regular minor updates within one release line");
        break;
      case INTERIM:
        points += 5;
        add(why, "interim release: supported for months, rebuild soon");
        break;
      default:
        break;
    }
    Money licence = life.licencePerNodeYear();
    if (licence.amount().signum() == 0) {
      points += 20;
      add(why, "no licence cost");
    } else {
      double r = rate(licence.currency());
      double amount = licence.amount().doubleValue() * r;
      if (Double.isNaN(amount)) {
        points += 10;
        if (why != null) {
          why.add("licence " + licence + " per node-year (no rate to " + currency + " to compare)");
        }
      } else {
        points += 20 * 250 / (250 + amount);
        if (why != null) {
          why.add("licence " + licence + " per node-year");
        }
      }
    }
    return points;
  }

  /** Instance preference, CPU features and GPU fit, starting from 100. */
  double hardware(Image image, Fit fit, @Nullable List<String> why) {
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
                + scenario.instanceTypes().get(0)
                + " does not fit "
                + image.architecture().id());
      }
    } else {
      points -= 30;
      if (why != null) {
        why.add(
            "no preferred type fits "
                + image.architecture().id()
                + "; cheapest type as big as "
                + scenario.instanceTypes().get(0)
                + " is "
                + t.name());
      }
    }
    Set<String> required = s.requiredCpuFeatures();
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
    } else if (!image.requiredCpuFeatures().isEmpty()) {
      if (why != null) {
        why.add(
            "needs "
                + String.join(", ", new TreeSet<>(image.requiredCpuFeatures()))
                + "; "
                + t.name()
                + " has it");
      }
    }
    String driver = image.gpuDriver();
    if (needsGpu) {
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
    Set<String> features = image.requiredCpuFeatures();
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

  /** Boot time (30), size (25), benchmarks (10), flavour fit (35). */
  double performance(Image image, @Nullable List<String> why) {
    double points = 0;
    Duration boot = image.bootTime();
    if (boot != null) {
      double seconds = boot.toMillis() / 1000.0;
      points += 30 * clamp01((120 - seconds) / 110);
      if (why != null) {
        why.add("boots in " + oneDecimal(seconds) + " s");
      }
    } else {
      points += 12;
      add(why, "boot time not measured");
    }
    double gb = image.sizeBytes() / BYTES_PER_GB;
    points += 25 * clamp01((40 - gb) / 38);
    if (why != null) {
      why.add(oneDecimal(gb) + " GB image");
    }
    if (!image.benchmarks().isEmpty()) {
      points += 10;
      if (why != null) {
        why.add(image.benchmarks().size() + " benchmark results recorded");
      }
    } else {
      points += 5;
      add(why, "no benchmark results");
    }
    ImageFlavour flavour = flavour(image);
    ImageFlavour preferred = scenario.preferredKind();
    if (flavour == preferred
        && flavour == ImageFlavour.FULL
        && !scenario.packageHints().isEmpty()
        && noneIn(packages(image), scenario.packageHints())) {
      points += 15;
      if (why != null) {
        why.add(
            "a full image, but its packages ("
                + packages(image)
                + ") are not what "
                + scenario.name()
                + " runs ("
                + String.join(", ", scenario.packageHints())
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
                + scenario.name()
                + " wants");
      }
    } else {
      points += 15;
      if (why != null) {
        why.add(flavour.describe() + "; " + scenario.name() + " prefers " + preferred.describe());
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

  /** Publisher (25), signature (25), patch age (30), vulnerabilities (20). */
  double security(Image image, @Nullable List<String> why) {
    double points = 0;
    if (image.verifiedPublisher()) {
      points += 25;
      add(why, "verified publisher");
    } else {
      add(why, "publisher not verified");
    }
    switch (image.signature()) {
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
    Instant lastPatched = image.lastPatched();
    boolean patchedKnown = lastPatched != null;
    Instant patched = lastPatched != null ? lastPatched : image.created();
    // the UTC day of the instant, as LocalDate.ofInstant(patched, UTC) counts it
    long patchedEpochDay = Math.floorDiv(patched.getEpochSecond(), SECONDS_PER_DAY);
    long days = Math.max(0, todayEpochDay - patchedEpochDay);
    points += 30 * clamp01((365 - days) / 335.0);
    if (why != null) {
      why.add(
          (patchedKnown ? "last patched " : "built (patch date unknown) ") + days + " days ago");
    }
    int vulns = image.knownVulnerabilities();
    if (vulns < 0) {
      points += 8;
      add(why, "no SBOM findings known");
    } else {
      points += 20 * clamp01(1 - vulns / 20.0);
      if (why != null) {
        why.add(vulns + " known vulnerabilities");
      }
    }
    return points;
  }

  /** Price per GB-month of each storage tier in the scoring currency, for a provider's region. */
  private double[] storageTiers(String provider, String region) {
    if (region.equals(lastRegion) && provider.equals(lastProvider)) {
      return lastTiers;
    }
    double[] tiers = storagePerGb.get(region);
    if (tiers == null || !provider.equals(storageProvider.get(region))) {
      RegionalStoragePrices b = s.storagePrices().prices(provider, region);
      tiers = new double[StorageTier.values().length];
      for (StorageTier t : StorageTier.values()) {
        Money p = b.tiers().profile(t).pricePerGbMonth();
        tiers[t.ordinal()] = p.amount().doubleValue() * rate(p.currency());
      }
      storagePerGb.put(region, tiers);
      storageProvider.put(region, provider);
    }
    lastRegion = region;
    lastProvider = provider;
    lastTiers = tiers;
    return tiers;
  }

  /** Monthly compute cost of an instance type in the scoring currency, or NaN without a rate. */
  private double computeMonthly(InstanceType t) {
    if (t != lastComputeType) {
      Double known = computeMonthly.get(t);
      if (known == null) {
        Money hourly = reserved ? t.reservedPerHour() : t.onDemandPerHour();
        known = hourly.amount().doubleValue() * computeHours * rate(hourly.currency());
        computeMonthly.put(t, known);
      }
      lastCompute = known;
      lastComputeType = t;
    }
    return lastCompute;
  }

  /** 100 x budget / (budget + monthly cost), with the cost in the scoring currency. */
  double cost(Image image, Fit fit, @Nullable List<String> why) {
    double total = 0;
    double[] tiers = storageTiers(image.id().provider(), image.id().region());
    double perGb = tiers[image.tier().ordinal()];
    double gb = image.sizeBytes() / BYTES_PER_GB;
    double storage = perGb * gb;
    if (Double.isNaN(storage)) {
      total += budget * 0.1;
      if (why != null) {
        why.add("storage not compared: no exchange rate to " + currency + "; supply one");
      }
    } else {
      total += storage;
      if (why != null) {
        why.add(image.tier() + " storage, " + oneDecimal(gb) + " GB: " + money(storage) + "/month");
      }
    }
    InstanceType t = fit.type();
    double compute = computeMonthly(t);
    if (Double.isNaN(compute)) {
      total += budget;
      if (why != null) {
        Money hourly = reserved ? t.reservedPerHour() : t.onDemandPerHour();
        why.add(
            t.name()
                + " not compared: no exchange rate from "
                + hourly.currency()
                + " to "
                + currency
                + "; supply one");
      }
    } else {
      total += compute;
      if (why != null) {
        why.add(
            t.name()
                + " "
                + scenario.pricing().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ": "
                + money(compute)
                + "/month");
      }
    }
    Life l = life(image);
    OsLifecycle life = l.life;
    if (life != null && licensed(l)) {
      double licence = l.licenceMonthly;
      if (Double.isNaN(licence)) {
        if (why != null) {
          why.add(
              "licence "
                  + life.licencePerNodeYear()
                  + "/year not compared: no exchange rate to "
                  + currency);
        }
      } else {
        total += licence;
        if (why != null) {
          why.add("licence " + money(licence) + "/month");
        }
      }
    }
    if (why != null) {
      why.add("about " + money(total) + "/month against a budget of " + money(budget));
    }
    return 100 * budget / (budget + total);
  }

  /** Whether the release costs a licence; computes its monthly price on first use. */
  private boolean licensed(Life l) {
    OsLifecycle life = l.life;
    if (life == null) {
      return false;
    }
    if (!l.licenceKnown) {
      Money y = life.licencePerNodeYear();
      l.licensed = y.amount().signum() > 0;
      l.licenceMonthly = l.licensed ? y.amount().doubleValue() / 12 * rate(y.currency()) : 0;
      l.licenceKnown = true;
    }
    return l.licensed;
  }

  private String money(double amount) {
    return String.format(Locale.ROOT, "%.2f %s", amount, currency.getCurrencyCode());
  }
}
