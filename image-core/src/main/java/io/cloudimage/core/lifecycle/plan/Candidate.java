package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A resource some rule matched, kept until the planning pass has read the whole inventory. Its
 * facts are the {@link Resource#compact compact} resource, the one form the planner keeps of a
 * resource; beside them only what the rules said about the full resource (which rules matched, and
 * why), its static exclusion, and what it showed for the apply-time checks.
 */
final class Candidate {
  private final Resource resource;
  private final long mask;

  /** The reason of each matched rule, in rule order, worked out from the full resource. */
  private final String[] reasons;

  private final @Nullable Exclusion exclusion;
  private final Observed observed;

  /**
   * A candidate from the full resource {@code r}, kept compact with {@code family} (equal to its
   * family) as the family name; bit {@code i} of {@code mask} is set when rule {@code i} matched.
   */
  Candidate(
      Resource r,
      @Nullable String family,
      long mask,
      String[] reasons,
      @Nullable Exclusion exclusion,
      Observed observed) {
    this.resource = r.compact(family);
    this.mask = mask;
    this.reasons = reasons;
    this.exclusion = exclusion;
    this.observed = observed;
  }

  /** The compact facts of the resource. */
  Resource resource() {
    return resource;
  }

  /** Whether rule {@code i} matched. */
  boolean matched(int i) {
    return (mask & (1L << i)) != 0;
  }

  /** The reason rule {@code i} (one of the matched rules) holds. */
  String reason(int i) {
    return reasons[Long.bitCount(mask & ((1L << i) - 1))];
  }

  /** The exclusion the resource's own facts give, or {@code null}. */
  @Nullable Exclusion exclusion() {
    return exclusion;
  }

  /** What the resource showed when planned. */
  Observed observed() {
    return observed;
  }
}
