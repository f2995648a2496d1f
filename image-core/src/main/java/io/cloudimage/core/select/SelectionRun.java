package io.cloudimage.core.select;

import io.cloudimage.core.catalog.OsLifecycle;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one selection run knows before it sees a candidate (today, the scoring currency, the budget
 * in it), and the look-ups that repeat across thousands of candidates (exchange rates, OS
 * lifecycles, the last candidate's kind). Not thread-safe: one per {@code select} call.
 */
final class SelectionRun {
  final ImageSelector selector;
  final Scenario scenario;
  final Instant now;
  final LocalDate today;
  final long todayEpochDay;
  final Currency currency;

  /** The scenario's monthly budget in the scoring currency (its own amount without a rate). */
  final double budget;

  final boolean needsGpu;
  final boolean reserved;

  /** Hours compute is billed for: all month when reserved. */
  final double computeHours;

  private final Map<Currency, Double> rates = new HashMap<>();

  /** Lifecycle look-ups by OS family, then by version text. */
  private final List<Map<String, Life>> lifecycles;

  // the candidate looked at last and what was looked up for it: exclusion and scoring ask twice
  private @Nullable Image lastImage;
  private @Nullable Life lastLife;
  private @Nullable ImageFlavour lastFlavour;

  /**
   * A lifecycle look-up and what depends on it alone: the OS score and the monthly licence cost,
   * computed on first use.
   */
  static final class Life {
    final @Nullable OsLifecycle life;
    double osScore = Double.NaN;
    boolean licenceKnown;
    boolean licensed;
    double licenceMonthly;

    Life(@Nullable OsLifecycle life) {
      this.life = life;
    }
  }

  SelectionRun(ImageSelector selector) {
    this.selector = selector;
    this.scenario = selector.scenario();
    this.now = selector.clock().instant();
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.todayEpochDay = today.toEpochDay();
    this.currency = selector.currency();
    Money budgetMoney = scenario.monthlyBudget();
    double amount = budgetMoney.amount().doubleValue();
    double b = amount * rate(budgetMoney.currency());
    this.budget = Double.isNaN(b) ? amount : b;
    this.needsGpu = scenario.needsGpu() || selector.gpu() == GpuRequirement.REQUIRED;
    this.reserved = scenario.pricing() == PricingModel.RESERVED;
    this.computeHours = reserved ? 730 : scenario.hoursPerMonth();
    List<Map<String, Life>> byFamily = new ArrayList<>(OsFamily.values().length);
    for (int i = 0; i < OsFamily.values().length; i++) {
      byFamily.add(new HashMap<>());
    }
    this.lifecycles = byFamily;
  }

  /** Units of the scoring currency per unit of {@code from}, or NaN when no rate is known. */
  double rate(Currency from) {
    Double r = rates.get(from);
    if (r == null) {
      r =
          selector
              .exchangeRates()
              .rate(from, currency)
              .map(BigDecimal::doubleValue)
              .orElse(Double.NaN);
      rates.put(from, r);
    }
    return r;
  }

  @Nullable OsLifecycle lifecycle(Image image) {
    return life(image).life;
  }

  /** The lifecycle look-up for an image's OS, memoised per family and version. */
  Life life(Image image) {
    if (image == lastImage && lastLife != null) {
      return lastLife;
    }
    OperatingSystem os = image.platform().os();
    Map<String, Life> byVersion = lifecycles.get(os.family().ordinal());
    Life l = byVersion.get(os.version());
    if (l == null) {
      // the catalog matches on family and version only
      l = new Life(selector.osLifecycles().find(os).orElse(null));
      byVersion.put(os.version(), l);
    }
    if (image != lastImage) {
      lastImage = image;
      lastFlavour = null;
    }
    lastLife = l;
    return l;
  }

  /** The image's kind, memoised for the last candidate. */
  ImageFlavour flavour(Image image) {
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

  /** Whether the release costs a licence; computes its monthly price on first use. */
  boolean licensed(Life l) {
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

  /** An amount of the scoring currency, as reasons show it. */
  String money(double amount) {
    return String.format(Locale.ROOT, "%.2f %s", amount, currency.getCurrencyCode());
  }

  static double clamp01(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  static String oneDecimal(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }

  /** Adds a reason when reasons are being written. */
  static void add(@Nullable List<String> why, String reason) {
    if (why != null) {
      why.add(reason);
    }
  }
}
