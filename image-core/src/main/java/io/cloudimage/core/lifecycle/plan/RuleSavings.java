package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierMoveEconomics;
import org.jspecify.annotations.Nullable;

/**
 * The money side of a rule's action on a resource, in the plan's terms: whether a move to a colder
 * tier loses money (decided by {@link TierMoveEconomics}) and the monthly saving (priced by {@link
 * StorageCost}), rounded to cents as the plan file carries it.
 */
final class RuleSavings {
  private final StorageCost cost;
  private final TierMoveEconomics economics;

  RuleSavings(StorageCost cost) {
    this.cost = cost;
    this.economics = new TierMoveEconomics(cost);
  }

  /** The reason a move to a colder tier loses money, or {@code null} when it pays. */
  @Nullable String losesMoney(Rule rule, Resource r) {
    if (rule.action() != Action.ARCHIVE && rule.action() != Action.MOVE_TIER) {
      return null;
    }
    return economics.loss(r, ActionReach.target(rule)).orElse(null);
  }

  /** The monthly saving of the rule's action on {@code r}, in cents. */
  Money saving(Rule rule, Resource r) {
    Money s;
    switch (rule.action()) {
      case ARCHIVE:
      case MOVE_TIER:
      case RESTORE:
        s = cost.monthly(r).minus(cost.monthlyIn(r, ActionReach.target(rule)));
        break;
      case DEREGISTER:
        s = rule.options().withSnapshots() ? cost.monthly(r) : cost.zero();
        break;
      case DELETE_SNAPSHOT:
      case ERASE:
        s = cost.monthly(r);
        break;
      case COPY:
        s = cost.zero().minus(cost.monthlyIn(r, StorageTier.HOT));
        break;
      default:
        s = cost.zero();
    }
    return new Money(Plan.cents(s.amount()), s.currency());
  }
}
