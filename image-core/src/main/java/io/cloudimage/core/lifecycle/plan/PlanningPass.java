package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.SnapshotState;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierPrices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One planning run: reads the inventory once, as a stream, and then resolves the plan. On the way
 * it gathers what the rules need from the whole inventory — the family ranks ({@link
 * FamilyRanking}), the snapshots that back images, the unreadable image records — and keeps only
 * the resources some rule matched, as compact {@link Candidate}s, so a million-item inventory plans
 * in little memory. {@link #resolve()} then applies the exclusions, the tiers' move rules and the
 * money decisions, rule by rule.
 */
final class PlanningPass implements Inventory.Sink {
  /** Caches hold at most this many entries; a cache that fills up starts again. */
  private static final int CACHE_LIMIT = 1 << 14;

  /** Actions of one rule in plan order: images before snapshots, then by id. */
  private static final Comparator<PlannedAction> KIND_THEN_RESOURCE =
      Comparator.comparing(PlannedAction::kind).thenComparing(PlannedAction::resource);

  /** What moving or removing storage of one size, in one tier, under one rule comes to. */
  private record Economics(int rule, StorageTier tier, long standardBytes, long fullBytes) {}

  /**
   * The money side of a rule on a resource: why it loses money ({@code null} when it pays), and its
   * saving.
   */
  private record Outcome(@Nullable String loss, Money saving) {}

  private final LifecyclePolicy policy;
  private final List<Rule> rules;
  private final Instant now;
  private final StorageCost cost;
  private final RuleSavings savings;
  private final StaticExclusions exclusions;
  private final FamilyRanking ranking;
  private final List<@Nullable Candidate> candidates = new ArrayList<>();
  private final Set<String> backing = new HashSet<>();
  private final Map<String, String> familyNames = new HashMap<>();
  private final Map<Economics, Outcome> outcomes = new HashMap<>();
  private final Map<String, String> reasons = new HashMap<>();
  private final boolean[] appliesToImages;
  private final boolean[] appliesToSnapshots;
  private final List<String> broken = new ArrayList<>();

  PlanningPass(LifecyclePolicy policy, Instant now, StorageCost cost, RuleSavings savings) {
    this.policy = policy;
    this.rules = policy.rules();
    this.now = now;
    this.cost = cost;
    this.savings = savings;
    this.exclusions = new StaticExclusions(policy, cost, now);
    this.ranking = new FamilyRanking(policy.familyDepth());
    this.appliesToImages = new boolean[rules.size()];
    this.appliesToSnapshots = new boolean[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      appliesToImages[i] = rules.get(i).action().appliesTo(ResourceKind.IMAGE);
      appliesToSnapshots[i] = rules.get(i).action().appliesTo(ResourceKind.SNAPSHOT);
    }
  }

  /** Whether any rule's action can act on this kind at all. */
  private static boolean anyRuleFor(boolean[] applies) {
    for (boolean a : applies) {
      if (a) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void image(Image image) {
    Resource r = Resource.of(image, policy.family());
    String family = r.family();
    if (family != null) {
      // One string per family, however many images name it.
      family = familyNames.computeIfAbsent(family, f -> f);
    }
    if (r.holdsStorage()) {
      backing.addAll(Resource.backingSnapshots(image));
      if (family != null) {
        ranking.add(family, r.created(), r.id());
      }
    }
    if (image.state() == ImageState.BROKEN) {
      // Its record cannot be read, so neither can what it holds: fail closed.
      broken.add(image.nativeId());
      return;
    }
    if (anyRuleFor(appliesToImages)) {
      consider(r, family, Observed.of(image));
    }
  }

  @Override
  public void snapshot(Snapshot snapshot) {
    if (snapshot.state() == SnapshotState.COMPLETED && anyRuleFor(appliesToSnapshots)) {
      consider(Resource.of(snapshot), null, Observed.of(snapshot));
    }
  }

  private void consider(Resource r, @Nullable String family, Observed observed) {
    if (!r.actionable()) {
      return;
    }
    boolean[] applies = r.kind() == ResourceKind.IMAGE ? appliesToImages : appliesToSnapshots;
    long mask = 0;
    for (int i = 0; i < rules.size(); i++) {
      if (applies[i] && ActionReach.applicable(rules.get(i), r, now) && holds(rules.get(i), r)) {
        mask |= 1L << i;
      }
    }
    if (mask != 0) {
      // Reasons come from the full resource: a compact one has no tags, so an anyOf could not
      // name the alternative that held.
      String[] why = new String[Long.bitCount(mask)];
      for (int i = 0, k = 0; i < rules.size(); i++) {
        if ((mask & (1L << i)) != 0) {
          why[k++] = reason(rules.get(i), r);
        }
      }
      candidates.add(new Candidate(r, family, mask, why, exclusions.of(r), observed));
    }
  }

  private boolean holds(Rule rule, Resource r) {
    for (Condition c : rule.conditions()) {
      if (!c.test(r, now, cost)) {
        return false;
      }
    }
    return true;
  }

  /** The plan, once the whole inventory has been read. */
  Plan resolve() {
    ranking.finish();
    // Actions grouped by rule, the first sort key of the plan's order.
    List<List<PlannedAction>> byRule = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      byRule.add(new ArrayList<>());
    }
    List<SkippedAction> skipped = new ArrayList<>();
    for (int ci = 0; ci < candidates.size(); ci++) {
      Candidate c = Objects.requireNonNull(candidates.get(ci));
      // Let each candidate go once it is resolved, so the plan does not grow on top of them.
      candidates.set(ci, null);
      resolve(c, byRule, skipped);
    }
    candidates.clear();
    skipBroken(skipped);
    int total = 0;
    for (List<PlannedAction> list : byRule) {
      total += list.size();
    }
    List<PlannedAction> sorted = new ArrayList<>(total);
    for (List<PlannedAction> list : byRule) {
      list.sort(KIND_THEN_RESOURCE);
      sorted.addAll(list);
      list.clear();
    }
    skipped.sort(
        Comparator.comparing(SkippedAction::kind)
            .thenComparing(SkippedAction::resource)
            .thenComparing(SkippedAction::rule));
    TierPrices book = cost.prices();
    return new Plan(
        policy.name(),
        now,
        cost.currency(),
        book.provider() + "/" + book.region(),
        sorted,
        skipped);
  }

  /** Plans or skips one candidate under the first of its matched rules that decides. */
  private void resolve(Candidate c, List<List<PlannedAction>> byRule, List<SkippedAction> skipped) {
    Resource r = c.resource();
    int rank = ranking.rank(r);
    Exclusion exclusion = wholeInventoryExclusion(c, rank);
    for (int i = 0; i < rules.size(); i++) {
      if (!c.matched(i)) {
        continue;
      }
      Rule rule = rules.get(i);
      int keep = rule.familyKeep();
      if (keep >= 0 && (r.family() == null || rank < keep)) {
        continue;
      }
      if (rule.action().changesResource() && exclusion != null) {
        skipped.add(
            new SkippedAction(
                r.id(),
                r.kind(),
                rule.action(),
                rule.name(),
                exclusions.describe(exclusion, r, broken)));
        return;
      }
      String refused = ActionReach.moveRefusal(rule, r, cost.prices(), now);
      if (refused != null) {
        skipped.add(new SkippedAction(r.id(), r.kind(), rule.action(), rule.name(), refused));
        continue;
      }
      Outcome money = outcome(i, rule, r);
      String loss = money.loss();
      if (loss != null) {
        skipped.add(new SkippedAction(r.id(), r.kind(), rule.action(), rule.name(), loss));
        continue;
      }
      byRule
          .get(i)
          .add(
              new PlannedAction(
                  r.id(),
                  r.kind(),
                  rule.action(),
                  rule.options(),
                  rule.name(),
                  c.reason(i),
                  money.saving(),
                  null,
                  c.observed(),
                  rule.conditions()));
      return;
    }
  }

  /**
   * The candidate's static exclusion, else the one only the whole inventory shows: the newest image
   * of its family, a snapshot backing an image, or a snapshot that may back an unreadable image.
   */
  private @Nullable Exclusion wholeInventoryExclusion(Candidate c, int rank) {
    Resource r = c.resource();
    Exclusion exclusion = c.exclusion();
    if (exclusion != null) {
      return exclusion;
    }
    if (r.kind() == ResourceKind.IMAGE) {
      return policy.protectNewestOfFamily() && r.family() != null && rank == 0
          ? Exclusion.NEWEST_OF_FAMILY
          : null;
    }
    if (backing.contains(r.id())) {
      return Exclusion.BACKS_IMAGE;
    }
    if (r.kind() == ResourceKind.SNAPSHOT && !broken.isEmpty()) {
      return Exclusion.UNPROVEN;
    }
    return null;
  }

  /** Lists each unreadable image record once, under the first rule that could change an image. */
  private void skipBroken(List<SkippedAction> skipped) {
    for (Rule rule : rules) {
      if (rule.action().appliesTo(ResourceKind.IMAGE) && rule.action().changesResource()) {
        for (String id : broken) {
          skipped.add(
              new SkippedAction(
                  id,
                  ResourceKind.IMAGE,
                  rule.action(),
                  rule.name(),
                  "excluded: the image record cannot be read (BROKEN), so what it holds cannot"
                      + " be proven; repair the record first"));
        }
        return;
      }
    }
  }

  /**
   * Whether rule {@code i} loses money on {@code r}, and what it saves, worked out once per rule,
   * tier and size.
   */
  private Outcome outcome(int i, Rule rule, Resource r) {
    Economics key = new Economics(i, r.tier(), r.standardBytes(), r.fullBytes());
    Outcome known = outcomes.get(key);
    if (known != null) {
      return known;
    }
    Outcome o = new Outcome(savings.losesMoney(rule, r), savings.saving(rule, r));
    if (outcomes.size() >= CACHE_LIMIT) {
      outcomes.clear();
    }
    outcomes.put(key, o);
    return o;
  }

  private String reason(Rule rule, Resource r) {
    List<Condition> conditions = rule.conditions();
    String text;
    if (conditions.size() == 1) {
      text = conditions.get(0).explain(r, now, cost);
    } else {
      StringBuilder b = new StringBuilder();
      for (Condition c : conditions) {
        b.append(b.length() == 0 ? "" : "; ").append(c.explain(r, now, cost));
      }
      text = b.toString();
    }
    // Most reasons repeat (the same ages, the same sizes): keep one copy of each.
    String shared = reasons.putIfAbsent(text, text);
    if (shared != null) {
      return shared;
    }
    if (reasons.size() > CACHE_LIMIT) {
      reasons.clear();
    }
    return text;
  }
}
