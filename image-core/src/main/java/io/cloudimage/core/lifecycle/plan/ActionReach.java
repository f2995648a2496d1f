package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.ActionOptions;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.TierPrices;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a rule's action would change on a resource: whether it changes anything at all (a no-op is
 * never planned), the tier a tier action moves to, and whether the tiers' move rules allow the move
 * now.
 */
final class ActionReach {
  private ActionReach() {}

  /** Whether the rule's action would change anything on {@code r}. */
  static boolean applicable(Rule rule, Resource r, Instant now) {
    Action a = rule.action();
    if (!a.appliesTo(r.kind())) {
      return false;
    }
    ActionOptions o = rule.options();
    switch (a) {
      case TAG:
        for (Map.Entry<String, String> t : o.tags().asMap().entrySet()) {
          if (!r.tags().get(t.getKey()).map(t.getValue()::equals).orElse(false)) {
            return true;
          }
        }
        return false;
      case DEPRECATE:
        Instant d = r.deprecation();
        return d == null || d.isAfter(now);
      case DISABLE:
        return !r.disabled();
      case ARCHIVE:
        return r.tier() != StorageTier.ARCHIVE;
      case MOVE_TIER:
        return r.tier().ordinal() < target(rule).ordinal();
      case RESTORE:
        return r.tier().ordinal() > target(rule).ordinal();
      case UNSHARE:
        if (o.accounts().isEmpty()) {
          return r.shared();
        }
        return r.accounts().stream().anyMatch(o.accounts()::contains);
      default:
        return true;
    }
  }

  /** Where a tier action moves storage to. */
  static StorageTier target(Rule rule) {
    if (rule.action() == Action.ARCHIVE) {
      return StorageTier.ARCHIVE;
    }
    StorageTier t = rule.options().tier();
    return t == null ? StorageTier.HOT : t;
  }

  /**
   * Why the tiers' move rules (one-way tiers, a minimum stay first) forbid the rule's tier action
   * on {@code r} now; {@code null} when they allow it or the action moves no storage.
   */
  static @Nullable String moveRefusal(Rule rule, Resource r, TierPrices book, Instant now) {
    Action a = rule.action();
    if (a != Action.ARCHIVE && a != Action.MOVE_TIER && a != Action.RESTORE) {
      return null;
    }
    return book.profile(target(rule))
        .moveRefusal(book.profile(r.tier()), r.tierSince(), now)
        .orElse(null);
  }
}
