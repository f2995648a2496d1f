package io.cloudimage.core.pricing;

/** How compute is bought. */
public enum PricingModel {
  /** Pay per hour used. */
  ON_DEMAND,
  /** A one-year commitment billed for every hour, used or not, at a lower rate. */
  RESERVED
}
