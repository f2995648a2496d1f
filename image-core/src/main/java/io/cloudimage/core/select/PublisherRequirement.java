package io.cloudimage.core.select;

/**
 * Which publishers a selection accepts images from.
 *
 * <pre>{@code
 * ImageSelector.builder().scenario(Scenario.DATABASE).publishers(PublisherRequirement.VERIFIED)
 * }</pre>
 */
public enum PublisherRequirement {
  /** Any publisher; a verified one scores higher on security. */
  ANY,

  /** Only publishers the provider has verified; images from others are excluded. */
  VERIFIED
}
