package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.ActionOptions;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierMoveEconomics;
import io.cloudimage.core.pricing.TierProfiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns an inventory and a policy into a {@link Plan}, purely: no provider call, no clock but the
 * one given, the same inputs always give the same plan.
 *
 * <p>The inventory is read once, as a stream. What the rules need from the whole inventory — the
 * newest images of each family and the snapshots that back registered images — is gathered on the
 * way, and only resources some rule may act on are kept (in a compact form), so a million-item
 * inventory plans in little memory.
 *
 * <p>Moves to a colder tier must pay. Such a tier bills a full copy of a snapshot (not its
 * increment), bills its minimum stay even when the data leaves early, and charges for retrieval;
 * the planner weighs the monthly difference over the target tier's minimum stay (at least one
 * month) against one retrieval, and lists a move that loses money as skipped with the figures.
 *
 * <pre>{@code
 * Plan plan = LifecyclePlanner.builder().prices(TierProfiles.localDefaults()).build()
 *     .plan(Inventory.file(Path.of("inventory.json")), LifecyclePolicy.defaultPolicy(), Clock.systemUTC());
 * }</pre>
 *
 * <p>Over 400 lines because its single streaming pass (the inner {@code Pass}) gathers family
 * ranks, static exclusions and candidates in one read of the inventory, which is what keeps a
 * million-item inventory in little memory; the money decisions are in {@link TierMoveEconomics} and
 * {@link StorageCost}.
 */
public final class LifecyclePlanner {
  private final StorageCost cost;

  private final TierMoveEconomics economics;

  private LifecyclePlanner(StorageCost cost) {
    this.cost = cost;
    this.economics = new TierMoveEconomics(cost);
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
    Instant now = clock.instant();
    Pass pass = new Pass(policy, now);
    inventory.forEach(pass);
    return pass.resolve();
  }

  /** Why a resource is held back from every action that changes it. */
  enum Exclusion {
    KEEP_TAG,
    IN_USE,
    SHARED,
    PROTECTED,
    MIN_RETENTION,
    NEWEST_OF_FAMILY,
    BACKS_IMAGE,
    UNPROVEN
  }

  /**
   * A resource some rule matched, kept until the end of the pass: its {@link Resource#compact}
   * facts (no tags, no sharing detail) with the rules that matched and the exclusion known so far.
   */
  private static final class Candidate {
    private final Resource resource;
    final long mask;
    final @Nullable Exclusion exclusion;
    final Observed observed;

    /** The reason of each matched rule, in rule order, worked out from the full resource. */
    private final String[] reasons;

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

    /** The reason rule {@code i} (one of the matched rules) holds. */
    String reason(int i) {
      return reasons[Long.bitCount(mask & ((1L << i) - 1))];
    }

    /** The compact facts of the resource this was made from. */
    Resource resource() {
      return resource;
    }
  }

  /** What moving or removing storage of one size, in one tier, under one rule comes to. */
  private record Economics(int rule, StorageTier tier, long standardBytes, long fullBytes) {}

  /**
   * The money side of a rule on a resource: why it loses money ({@code null} when it pays), and its
   * saving.
   */
  private record Outcome(@Nullable String loss, Money saving) {}

  /** Caches hold at most this many entries; a cache that fills up starts again. */
  private static final int CACHE_LIMIT = 1 << 14;

  /** Actions of one rule in plan order: images before snapshots, then by id. */
  private static final Comparator<PlannedAction> KIND_THEN_RESOURCE =
      Comparator.comparing(PlannedAction::kind).thenComparing(PlannedAction::resource);

  private record Ranked(Instant created, String id) {}

  /** Newer first; ties broken by id so that ranks never depend on inventory order. */
  static final Comparator<Ranked> NEWER_FIRST =
      Comparator.comparing(Ranked::created).reversed().thenComparing(Ranked::id);

  private final class Pass implements Inventory.Sink {
    private final LifecyclePolicy policy;
    private final List<Rule> rules;
    private final Instant now;
    private final int depth;
    private final List<@Nullable Candidate> candidates = new ArrayList<>();
    private final Set<String> backing = new HashSet<>();
    private final Map<String, PriorityQueue<Ranked>> families = new HashMap<>();
    private final Map<String, String> familyNames = new HashMap<>();
    private final Map<Economics, Outcome> economics = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    private final boolean[] appliesToImages;
    private final boolean[] appliesToSnapshots;
    private final List<String> broken = new ArrayList<>();

    Pass(LifecyclePolicy policy, Instant now) {
      this.policy = policy;
      this.rules = policy.rules();
      this.now = now;
      this.depth = policy.familyDepth();
      this.appliesToImages = new boolean[rules.size()];
      this.appliesToSnapshots = new boolean[rules.size()];
      for (int i = 0; i < rules.size(); i++) {
        appliesToImages[i] = rules.get(i).action().appliesTo(ResourceKind.IMAGE);
        appliesToSnapshots[i] = rules.get(i).action().appliesTo(ResourceKind.SNAPSHOT);
      }
    }

    /** Whether any rule's action can act on this kind at all. */
    private boolean anyRuleFor(boolean[] applies) {
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
        if (family != null && depth > 0) {
          rank(family, new Ranked(r.created(), r.id()));
        }
      }
      if (image.state() == io.cloudimage.core.model.ImageState.BROKEN) {
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
      if (snapshot.state() == io.cloudimage.core.model.SnapshotState.COMPLETED
          && anyRuleFor(appliesToSnapshots)) {
        consider(Resource.of(snapshot), null, Observed.of(snapshot));
      }
    }

    private void rank(String family, Ranked entry) {
      // A heap of the newest `depth` members, oldest of them on top.
      PriorityQueue<Ranked> top =
          families.computeIfAbsent(family, f -> new PriorityQueue<>(NEWER_FIRST.reversed()));
      if (top.size() < depth) {
        top.add(entry);
      } else if (NEWER_FIRST.compare(entry, top.peek()) < 0) {
        top.poll();
        top.add(entry);
      }
    }

    private void consider(Resource r, @Nullable String family, Observed observed) {
      if (!r.actionable()) {
        return;
      }
      boolean[] applies = r.kind() == ResourceKind.IMAGE ? appliesToImages : appliesToSnapshots;
      long mask = 0;
      for (int i = 0; i < rules.size(); i++) {
        if (applies[i] && applicable(rules.get(i), r, now) && holds(rules.get(i), r)) {
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
        candidates.add(new Candidate(r, family, mask, why, staticExclusion(r), observed));
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

    private @Nullable Exclusion staticExclusion(Resource r) {
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

    /** Why the tiers' move rules (one-way tiers, a minimum stay first) forbid a tier action now. */
    private @Nullable String moveRefusal(Rule rule, Resource r) {
      Action a = rule.action();
      if (a != Action.ARCHIVE && a != Action.MOVE_TIER && a != Action.RESTORE) {
        return null;
      }
      TierProfiles book = cost.prices();
      return book.profile(target(rule))
          .moveRefusal(book.profile(r.tier()), r.tierSince(), now)
          .orElse(null);
    }

    private boolean insideMinimumRetention(Resource r) {
      Duration min = cost.prices().profile(r.tier()).minimumRetention();
      return !min.isZero() && r.tierSince().plus(min).isAfter(now);
    }

    Plan resolve() {
      Map<String, List<Ranked>> ranks = new HashMap<>();
      families.forEach(
          (f, heap) -> {
            List<Ranked> list = new ArrayList<>(heap);
            list.sort(NEWER_FIRST);
            ranks.put(f, list);
          });
      // Actions grouped by rule, the first sort key of the plan's order.
      List<List<PlannedAction>> byRule = new ArrayList<>(rules.size());
      for (int i = 0; i < rules.size(); i++) {
        byRule.add(new ArrayList<>());
      }
      List<SkippedAction> skipped = new ArrayList<>();
      for (int ci = 0; ci < candidates.size(); ci++) {
        Candidate c = java.util.Objects.requireNonNull(candidates.get(ci));
        // Let each candidate go once it is resolved, so the plan does not grow on top of them.
        candidates.set(ci, null);
        Resource r = c.resource();
        int rank = rank(ranks, r);
        Exclusion exclusion = c.exclusion;
        if (exclusion == null && r.kind() == ResourceKind.IMAGE) {
          if (policy.protectNewestOfFamily() && r.family() != null && rank == 0) {
            exclusion = Exclusion.NEWEST_OF_FAMILY;
          }
        } else if (exclusion == null && backing.contains(r.id())) {
          exclusion = Exclusion.BACKS_IMAGE;
        } else if (exclusion == null && r.kind() == ResourceKind.SNAPSHOT && !broken.isEmpty()) {
          exclusion = Exclusion.UNPROVEN;
        }
        for (int i = 0; i < rules.size(); i++) {
          if ((c.mask & (1L << i)) == 0) {
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
                    r.id(), r.kind(), rule.action(), rule.name(), excluded(exclusion, r)));
            break;
          }
          String refused = moveRefusal(rule, r);
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
                      c.observed,
                      rule.conditions()));
          break;
        }
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
      TierProfiles book = cost.prices();
      return new Plan(
          policy.name(),
          now,
          cost.currency(),
          book.provider() + "/" + book.region(),
          sorted,
          skipped);
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

    private int rank(Map<String, List<Ranked>> ranks, Resource r) {
      String family = r.family();
      if (family == null || r.kind() != ResourceKind.IMAGE) {
        return Integer.MAX_VALUE;
      }
      List<Ranked> top = ranks.get(family);
      if (top == null) {
        return depth;
      }
      for (int i = 0; i < top.size(); i++) {
        if (top.get(i).id().equals(r.id())) {
          return i;
        }
      }
      return depth;
    }

    private String excluded(Exclusion e, Resource r) {
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

    /**
     * Whether rule {@code i} loses money on {@code r}, and what it saves: the same as {@link
     * #losesMoney} and {@link #saving}, worked out once per rule, tier and size.
     */
    private Outcome outcome(int i, Rule rule, Resource r) {
      Economics key = new Economics(i, r.tier(), r.standardBytes(), r.fullBytes());
      Outcome known = economics.get(key);
      if (known != null) {
        return known;
      }
      Outcome o = new Outcome(losesMoney(rule, r), saving(rule, r));
      if (economics.size() >= CACHE_LIMIT) {
        economics.clear();
      }
      economics.put(key, o);
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

  /** Whether the rule's action would change anything on {@code r} (a no-op is never planned). */
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

  /** The reason a move to a colder tier loses money, or {@code null} when it pays. */
  @Nullable String losesMoney(Rule rule, Resource r) {
    if (rule.action() != Action.ARCHIVE && rule.action() != Action.MOVE_TIER) {
      return null;
    }
    return economics.loss(r, target(rule)).orElse(null);
  }

  /** The monthly saving of the rule's action on {@code r}, in cents. */
  Money saving(Rule rule, Resource r) {
    Money s;
    switch (rule.action()) {
      case ARCHIVE:
      case MOVE_TIER:
      case RESTORE:
        s = cost.monthly(r).minus(cost.monthlyIn(r, target(rule)));
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

  /** Builds a {@link LifecyclePlanner}. */
  public static final class Builder {
    private TierProfiles prices = TierProfiles.localDefaults();

    private Builder() {}

    /**
     * The price book savings and archive economics come from (default {@link
     * TierProfiles#localDefaults()}). Use the provider's and region's book for a cloud inventory.
     */
    public Builder prices(TierProfiles prices) {
      this.prices = prices;
      return this;
    }

    /** Builds the planner. */
    public LifecyclePlanner build() {
      return new LifecyclePlanner(StorageCost.of(prices));
    }
  }
}
