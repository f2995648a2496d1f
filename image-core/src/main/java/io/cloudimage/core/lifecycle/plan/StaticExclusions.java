package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.pricing.StorageCost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The exclusions a resource's own facts decide (keep tag, in use, shared, deregistration
 * protection, minimum retention), and the words of every exclusion for a skipped action. The
 * exclusions that need the whole inventory (newest of family, backing an image, possibly backing an
 * unreadable image) are decided by the planning pass once it has read everything.
 */
final class StaticExclusions {
  private final LifecyclePolicy policy;
  private final StorageCost cost;
  private final Instant now;

  StaticExclusions(LifecyclePolicy policy, StorageCost cost, Instant now) {
    this.policy = policy;
    this.cost = cost;
    this.now = now;
  }

  /** The first exclusion {@code r}'s own facts give, or {@code null} when none does. */
  @Nullable Exclusion of(Resource r) {
    if (r.tags().has(LifecyclePolicy.KEEP_TAG)) {
      return Exclusion.KEEP_TAG;
    }
    if (r.inUse()) {
      return Exclusion.IN_USE;
    }
    if (r.shared() && policy.sharedCountsAsInUse()) {
      return Exclusion.SHARED;
    }
    if (r.deregistrationProtected()) {
      return Exclusion.PROTECTED;
    }
    if (insideMinimumRetention(r)) {
      return Exclusion.MIN_RETENTION;
    }
    return null;
  }

  private boolean insideMinimumRetention(Resource r) {
    Duration min = cost.prices().profile(r.tier()).minimumRetention();
    return !min.isZero() && r.tierSince().plus(min).isAfter(now);
  }

  /**
   * The reason a skipped action gives for exclusion {@code e} of {@code r}; {@code broken} names
   * the unreadable image records an {@link Exclusion#UNPROVEN} snapshot may back.
   */
  String describe(Exclusion e, Resource r, List<String> broken) {
    switch (e) {
      case KEEP_TAG:
        return "excluded: tagged " + LifecyclePolicy.KEEP_TAG;
      case IN_USE:
        return "excluded: in use (instances, launch templates or scaling groups)";
      case SHARED:
        return "excluded: shared with other accounts or public, so possibly in use";
      case PROTECTED:
        return "excluded: deregistration protection is on";
      case MIN_RETENTION:
        Duration min = cost.prices().profile(r.tier()).minimumRetention();
        return "excluded: inside the "
            + min.toDays()
            + "-day minimum retention of "
            + r.tier()
            + " until "
            + r.tierSince().plus(min);
      case NEWEST_OF_FAMILY:
        return "excluded: newest image of family " + r.family();
      case UNPROVEN:
        return "excluded: may back unreadable image record(s) "
            + String.join(", ", broken.subList(0, Math.min(3, broken.size())))
            + (broken.size() > 3 ? " and " + (broken.size() - 3) + " more" : "")
            + " (BROKEN), so it cannot be proven unused; repair the record(s) first";
      default:
        return "excluded: backs a registered image";
    }
  }
}
