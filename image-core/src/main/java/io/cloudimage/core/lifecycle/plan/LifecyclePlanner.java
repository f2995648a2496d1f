package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierMoveEconomics;
import io.cloudimage.core.pricing.TierPrices;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Turns an inventory and a policy into a {@link Plan}, purely: no provider call, no clock but the
 * one given, the same inputs always give the same plan.
 *
 * <p>The inventory is read once, as a stream (see {@code PlanningPass}). What the rules need from
 * the whole inventory — the newest images of each family ({@code FamilyRanking}) and the snapshots
 * that back registered images — is gathered on the way, and only resources some rule may act on are
 * kept (in a compact form), so a million-item inventory plans in little memory. The exclusions a
 * resource's own facts decide are in {@code StaticExclusions}.
 *
 * <p>Moves to a colder tier must pay. Such a tier bills a full copy of a snapshot (not its
 * increment), bills its minimum stay even when the data leaves early, and charges for retrieval;
 * {@link TierMoveEconomics} weighs the monthly difference over the target tier's minimum stay (at
 * least one month) against one retrieval, and the planner lists a move that loses money as skipped
 * with the figures.
 *
 * <pre>{@code
 * Plan plan = LifecyclePlanner.builder().prices(TierPrices.localDefaults()).build()
 *     .plan(Inventory.file(Path.of("inventory.json")), LifecyclePolicy.defaultPolicy(), Clock.systemUTC());
 * }</pre>
 */
public final class LifecyclePlanner {
  private final StorageCost cost;

  private final RuleSavings savings;

  private LifecyclePlanner(StorageCost cost) {
    this.cost = cost;
    this.savings = new RuleSavings(cost);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The price model savings are computed with. */
  public StorageCost cost() {
    return cost;
  }

  /** Plans {@code inventory} under {@code policy} as of {@code clock.instant()}. */
  public Plan plan(Inventory inventory, LifecyclePolicy policy, Clock clock) {
    PlanningPass pass = new PlanningPass(policy, clock.instant(), cost, savings);
    inventory.forEach(pass);
    return pass.resolve();
  }

  /** Whether the rule's action would change anything on {@code r} (a no-op is never planned). */
  static boolean applicable(Rule rule, Resource r, Instant now) {
    return ActionReach.applicable(rule, r, now);
  }

  /** The reason a move to a colder tier loses money, or {@code null} when it pays. */
  @Nullable String losesMoney(Rule rule, Resource r) {
    return savings.losesMoney(rule, r);
  }

  /** The monthly saving of the rule's action on {@code r}, in cents. */
  Money saving(Rule rule, Resource r) {
    return savings.saving(rule, r);
  }

  /** Builds a {@link LifecyclePlanner}. */
  public static final class Builder {
    private TierPrices prices = TierPrices.localDefaults();

    private Builder() {}

    /**
     * The price book savings and archive economics come from (default {@link
     * TierPrices#localDefaults()}). Use the provider's and region's book for a cloud inventory.
     */
    public Builder prices(TierPrices prices) {
      this.prices = prices;
      return this;
    }

    /** Builds the planner. */
    public LifecyclePlanner build() {
      return new LifecyclePlanner(StorageCost.of(prices));
    }
  }
}
