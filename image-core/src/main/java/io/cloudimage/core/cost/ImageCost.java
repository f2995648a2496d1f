package io.cloudimage.core.cost;

import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.ComputeCost;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The monthly cost of one image in the four quadrants (storage, compute, licence; the fourth,
 * transfer, is priced by replication and not here).
 *
 * @param image the image
 * @param family the image family it is reported under ({@code -} when it has none)
 * @param tier the storage tier priced
 * @param sizeBytes the bytes stored
 * @param storageMonthly storage per month
 * @param compute the instance that runs it, or {@code null} when only storage is priced
 * @param computeModel how compute is bought in {@link #monthlyTotals()}
 * @param licenceMonthly the OS licence per node-month, or {@code null} when the OS is unknown
 */
public record ImageCost(
    ImageId image,
    String family,
    StorageTier tier,
    long sizeBytes,
    Money storageMonthly,
    @Nullable ComputeCost compute,
    PricingModel computeModel,
    @Nullable Money licenceMonthly) {

  /** Every monthly amount of this image, one per quadrant that applies. */
  public List<Money> monthlyAmounts() {
    List<Money> out = new ArrayList<>(3);
    out.add(storageMonthly);
    ComputeCost c = compute;
    if (c != null) {
      out.add(c.monthly(computeModel));
    }
    Money l = licenceMonthly;
    if (l != null) {
      out.add(l);
    }
    return out;
  }

  /** The monthly total per currency (currencies are never mixed here). */
  public Map<Currency, Money> monthlyTotals() {
    return CostReport.sum(monthlyAmounts());
  }

  static Map<Currency, Money> empty() {
    return new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
  }
}
