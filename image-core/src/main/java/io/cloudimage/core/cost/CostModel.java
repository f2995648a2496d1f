package io.cloudimage.core.cost;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.catalog.OsLifecycle;
import io.cloudimage.core.catalog.OsLifecycleCatalog;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.ComputeCost;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PriceBook;
import io.cloudimage.core.pricing.PricingModel;
import io.cloudimage.core.pricing.TierProfile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Prices images with a storage price book and OS lifecycle data.
 *
 * <pre>{@code
 * CostModel model = CostModel.defaults();
 * Money hot = model.storageMonthly(TierPrices.localDefaults().profile(StorageTier.HOT),
 *     30L << 30);                                             // 24 CNY: 30 GB x 0.8
 * ComputeCost m6i = model.compute(instanceCatalog.find("m6i.large").orElseThrow(), 730);
 * m6i.breakEvenHoursPerMonth();                              // ~456 h: reserve above that
 * CostReport report = model.report(images, image -> m6i.instanceType(), 730);
 * }</pre>
 */
public final class CostModel {
  /** The hours in an average month (8760 / 12), the unit cloud bills use. */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  private static final BigDecimal MONTHS_PER_YEAR = BigDecimal.valueOf(12);

  private final PriceBook prices;
  private final OsLifecycleCatalog lifecycles;

  /** A model over the given price book and lifecycle data. */
  public CostModel(PriceBook prices, OsLifecycleCatalog lifecycles) {
    this.prices = Objects.requireNonNull(prices, "prices");
    this.lifecycles = Objects.requireNonNull(lifecycles, "lifecycles");
  }

  /** A model over the shipped price book and lifecycle data. */
  public static CostModel defaults() {
    return new CostModel(PriceBook.defaults(), OsLifecycleCatalog.defaults());
  }

  /** Storing {@code bytes} on a tier for a month (GB = 2^30 bytes). */
  public Money storageMonthly(TierProfile tier, long bytes) {
    if (bytes < 0) {
      throw new InvalidInputException("size must be >= 0 bytes, was " + bytes);
    }
    return tier.monthlyPrice(bytes);
  }

  /** Storing an image for a month, on its tier, at its provider's and region's prices. */
  public Money storageMonthly(Image image) {
    TierProfile tier =
        prices
            .prices(image.id().provider(), image.id().region())
            .tiers()
            .profile(image.storage().tier());
    return storageMonthly(tier, image.storage().sizeBytes());
  }

  /**
   * Running an instance {@code hoursPerMonth} hours a month: on demand (per hour run) against
   * reserved (every hour of the month at the reserved rate), and the break-even point, {@code
   * reservedPerHour x 730 / onDemandPerHour}.
   *
   * @throws InvalidInputException when the hours are outside 0..730
   */
  public ComputeCost compute(InstanceType type, double hoursPerMonth) {
    // Written so that NaN fails too: every comparison with NaN is false.
    if (!(hoursPerMonth >= 0 && hoursPerMonth <= 730)) {
      throw new InvalidInputException(
          "hours per month must be a number within 0..730, was " + hoursPerMonth);
    }
    BigDecimal hours = BigDecimal.valueOf(hoursPerMonth);
    Money onDemand = type.onDemandPerHour().times(hours);
    Money reserved = type.reservedPerHour().times(HOURS_PER_MONTH);
    BigDecimal breakEven =
        type.onDemandPerHour().amount().signum() == 0
            ? HOURS_PER_MONTH
            : reserved
                .amount()
                .divide(type.onDemandPerHour().amount(), MathContext.DECIMAL64)
                .setScale(1, RoundingMode.HALF_UP);
    PricingModel cheaper =
        reserved.compareTo(onDemand) < 0 ? PricingModel.RESERVED : PricingModel.ON_DEMAND;
    return new ComputeCost(type.name(), hours, onDemand, reserved, breakEven, cheaper);
  }

  /** The licence of an image's OS per node-month, or {@code null} when the OS is not known. */
  public @Nullable Money licenceMonthly(Image image) {
    return lifecycles
        .find(image.platform().os())
        .map(OsLifecycle::licencePerNodeYear)
        .map(
            y -> new Money(y.amount().divide(MONTHS_PER_YEAR, MathContext.DECIMAL64), y.currency()))
        .orElse(null);
  }

  /**
   * An image's monthly cost.
   *
   * @param instanceType the instance that runs it, or {@code null} to price storage and licence
   * @param hoursPerMonth the hours it runs per month (0..730)
   * @param model how compute is bought, or {@code null} for the cheaper way at those hours
   */
  public ImageCost estimate(
      Image image,
      @Nullable InstanceType instanceType,
      double hoursPerMonth,
      @Nullable PricingModel model) {
    ComputeCost compute = instanceType == null ? null : compute(instanceType, hoursPerMonth);
    PricingModel chosen =
        model != null ? model : compute != null ? compute.cheaper() : PricingModel.ON_DEMAND;
    String family = image.family();
    return new ImageCost(
        image.id(),
        family == null ? "-" : family,
        image.storage().tier(),
        image.storage().sizeBytes(),
        storageMonthly(image),
        compute,
        chosen,
        instanceType == null ? null : licenceMonthly(image));
  }

  /**
   * The cost of many images, each run on the instance {@code instanceFor} names (or only stored
   * when it gives {@code null}), at the cheaper pricing for {@code hoursPerMonth}.
   */
  public CostReport report(
      Stream<Image> images,
      java.util.function.Function<Image, @Nullable InstanceType> instanceFor,
      double hoursPerMonth) {
    return new CostReport(
        images.map(i -> estimate(i, instanceFor.apply(i), hoursPerMonth, null)).toList());
  }
}
