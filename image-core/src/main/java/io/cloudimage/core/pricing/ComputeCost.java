package io.cloudimage.core.pricing;

import java.math.BigDecimal;

/**
 * What one instance costs per month, both ways of buying it, and where they cross.
 *
 * @param instanceType the name of the type priced (a catalog's {@code InstanceType#name()})
 * @param hoursPerMonth the hours it runs per month
 * @param onDemandMonthly on-demand price times the hours run
 * @param reservedMonthly the reserved rate times every hour of the month (730), used or not
 * @param breakEvenHoursPerMonth the hours per month above which reserved is cheaper
 * @param cheaper the cheaper way at {@code hoursPerMonth}
 */
public record ComputeCost(
    String instanceType,
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
