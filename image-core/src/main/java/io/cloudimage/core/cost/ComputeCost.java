package io.cloudimage.core.cost;

import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.pricing.Money;
import java.math.BigDecimal;

/**
 * What one instance costs per month, both ways of buying it, and where they cross.
 *
 * @param instanceType the type priced
 * @param hoursPerMonth the hours it runs per month
 * @param onDemandMonthly on-demand price times the hours run
 * @param reservedMonthly the reserved rate times every hour of the month (730), used or not
 * @param breakEvenHoursPerMonth the hours per month above which reserved is cheaper
 * @param cheaper the cheaper way at {@code hoursPerMonth}
 */
public record ComputeCost(
    InstanceType instanceType,
    BigDecimal hoursPerMonth,
    Money onDemandMonthly,
    Money reservedMonthly,
    BigDecimal breakEvenHoursPerMonth,
    PricingModel cheaper) {

  /** The monthly price of the cheaper way. */
  public Money monthly() {
    return cheaper == PricingModel.RESERVED ? reservedMonthly : onDemandMonthly;
  }

  /** The monthly price of a given way of buying. */
  public Money monthly(PricingModel model) {
    return model == PricingModel.RESERVED ? reservedMonthly : onDemandMonthly;
  }
}
