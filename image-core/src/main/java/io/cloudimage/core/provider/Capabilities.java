package io.cloudimage.core.provider;

import io.cloudimage.core.error.UnsupportedCapabilityException;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a provider can do, so callers and the lifecycle executor never guess.
 *
 * <pre>{@code
 * if (provider.capabilities().supports(Capability.MOVE_TIER)) { ... }
 * }</pre>
 *
 * @param supported the capabilities the provider implements
 */
public record Capabilities(Set<Capability> supported) {
  public Capabilities {
    supported = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
  }

  /** Capabilities from a list. */
  public static Capabilities of(Capability... capabilities) {
    return new Capabilities(Set.of(capabilities));
  }

  /** Every capability. */
  public static Capabilities all() {
    return new Capabilities(EnumSet.allOf(Capability.class));
  }

  /** Whether the capability is supported. */
  public boolean supports(Capability capability) {
    return supported.contains(capability);
  }

  /**
   * Throws unless the capability is supported.
   *
   * @throws UnsupportedCapabilityException naming the provider and the capability
   */
  public void require(Capability capability, String providerName) {
    if (!supports(capability)) {
      throw new UnsupportedCapabilityException(
          "the "
              + providerName
              + " provider cannot "
              + capability
              + "; check capabilities() first");
    }
  }
}
