package io.cloudimage.core.select;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.catalog.OsLifecycle;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.RegionalStoragePrices;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cost: {@code 100 x budget / (budget + monthly cost)}, with storage by tier and size, the
 * instance's compute and the OS licence, all in the scoring currency. A price that cannot be
 * converted counts as a share of the budget, and its reason says so.
 */
final class CostScorer implements DimensionScorer {
  private static final double BYTES_PER_GB = 1L << 30;

  private final Map<String, double[]> storagePerGb = new HashMap<>();
  private final Map<String, String> storageProvider = new HashMap<>();
  private final Map<InstanceType, Double> computeMonthly = new IdentityHashMap<>();

  // the storage prices of the last region looked up
  private String lastRegion = "";
  private String lastProvider = "";
  private double[] lastTiers = new double[0];

  // the monthly compute cost of the last instance type looked up
  private @Nullable InstanceType lastComputeType;
  private double lastCompute;
  private final SelectionRun run;

  CostScorer(SelectionRun run) {
    this.run = run;
  }

  @Override
  public Dimension dimension() {
    return Dimension.COST;
  }

  /** Price per GB-month of each storage tier in the scoring currency, for a provider's region. */
  private double[] storageTiers(String provider, String region) {
    if (region.equals(lastRegion) && provider.equals(lastProvider)) {
      return lastTiers;
    }
    double[] tiers = storagePerGb.get(region);
    if (tiers == null || !provider.equals(storageProvider.get(region))) {
      RegionalStoragePrices b = run.selector.storagePrices().prices(provider, region);
      tiers = new double[StorageTier.values().length];
      for (StorageTier t : StorageTier.values()) {
        Money p = b.tiers().profile(t).pricePerGbMonth();
        tiers[t.ordinal()] = p.amount().doubleValue() * run.rate(p.currency());
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
        Money hourly = run.reserved ? t.reservedPerHour() : t.onDemandPerHour();
        known = hourly.amount().doubleValue() * run.computeHours * run.rate(hourly.currency());
        computeMonthly.put(t, known);
      }
      lastCompute = known;
      lastComputeType = t;
    }
    return lastCompute;
  }

  /** 100 x budget / (budget + monthly cost), with the cost in the scoring currency. */
  @Override
  public double score(Image image, InstanceFit fit, @Nullable List<String> why) {
    double total = 0;
    double[] tiers = storageTiers(image.id().provider(), image.id().region());
    double perGb = tiers[image.storage().tier().ordinal()];
    double gb = image.storage().sizeBytes() / BYTES_PER_GB;
    double storage = perGb * gb;
    if (Double.isNaN(storage)) {
      total += run.budget * 0.1;
      if (why != null) {
        why.add("storage not compared: no exchange rate to " + run.currency + "; supply one");
      }
    } else {
      total += storage;
      if (why != null) {
        why.add(
            image.storage().tier()
                + " storage, "
                + SelectionRun.oneDecimal(gb)
                + " GB: "
                + run.money(storage)
                + "/month");
      }
    }
    InstanceType t = fit.type();
    double compute = computeMonthly(t);
    if (Double.isNaN(compute)) {
      total += run.budget;
      if (why != null) {
        Money hourly = run.reserved ? t.reservedPerHour() : t.onDemandPerHour();
        why.add(
            t.name()
                + " not compared: no exchange rate from "
                + hourly.currency()
                + " to "
                + run.currency
                + "; supply one");
      }
    } else {
      total += compute;
      if (why != null) {
        why.add(
            t.name()
                + " "
                + run.scenario.pricing().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ": "
                + run.money(compute)
                + "/month");
      }
    }
    SelectionRun.Life l = run.life(image);
    OsLifecycle life = l.life;
    if (life != null && run.licensed(l)) {
      double licence = l.licenceMonthly;
      if (Double.isNaN(licence)) {
        if (why != null) {
          why.add(
              "licence "
                  + life.licencePerNodeYear()
                  + "/year not compared: no exchange rate to "
                  + run.currency);
        }
      } else {
        total += licence;
        if (why != null) {
          why.add("licence " + run.money(licence) + "/month");
        }
      }
    }
    if (why != null) {
      why.add("about " + run.money(total) + "/month against a budget of " + run.money(run.budget));
    }
    return 100 * run.budget / (run.budget + total);
  }
}
