package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Comparisons;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.pricing.StorageCost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random inventories and policies: the streaming planner against a brute-force reference. */
class PlannerPropertiesTest {
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final LifecyclePlanner PLANNER = LifecyclePlanner.builder().build();

  record Case(List<Image> images, List<Snapshot> snapshots, LifecyclePolicy policy) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<Image>> images = image().list().ofMaxSize(14).uniqueElements(Image::nativeId);
    Arbitrary<List<Snapshot>> snapshots =
        snapshot().list().ofMaxSize(10).uniqueElements(Snapshot::id);
    return Combinators.combine(images, snapshots, policy()).as(Case::new);
  }

  private Arbitrary<Image> image() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 40).map(i -> "img-" + i),
            Arbitraries.integers().between(0, 400),
            Arbitraries.integers().between(-1, 400),
            Arbitraries.of("a", "b", "none"),
            Arbitraries.of(
                ImageState.AVAILABLE,
                ImageState.AVAILABLE,
                ImageState.DISABLED,
                ImageState.DEREGISTERING,
                ImageState.DEREGISTERED),
            Arbitraries.of(StorageTier.class),
            Arbitraries.integers().between(0, 31),
            Arbitraries.integers().between(0, 9).map(i -> "snap-" + i))
        .as(
            (id, age, launched, family, state, tier, flags, snap) -> {
              Image.Builder b =
                  Fixtures.image(id, age)
                      .state(state)
                      .tier(tier)
                      .family(family.equals("none") ? null : family)
                      .inUse((flags & 1) != 0 && (flags & 16) != 0)
                      .deregistrationProtected((flags & 2) != 0 && (flags & 8) != 0)
                      .sizeBytes((1 + flags) * Fixtures.GIB);
              if (launched >= 0 && launched <= age) {
                b.lastLaunched(daysAgo(launched));
              }
              if ((flags & 4) != 0 && (flags & 8) != 0) {
                b.tag(LifecyclePolicy.KEEP_TAG, "true");
              }
              if ((flags & 24) == 24) {
                b.sharing(new Sharing(Set.of("111122223333"), Set.of()));
              }
              if ((flags & 3) == 3) {
                b.deprecation(daysAgo(Math.min(age, 50)));
              }
              return Fixtures.backedBy(b, snap).build();
            });
  }

  private Arbitrary<Snapshot> snapshot() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 12).map(i -> "snap-" + i),
            Arbitraries.integers().between(0, 400),
            Arbitraries.integers().between(1, 10),
            Arbitraries.of(StorageTier.class),
            Arbitraries.integers().between(0, 200),
            Arbitraries.integers().between(0, 7))
        .as(
            (id, age, inc, tier, since, flags) -> {
              Snapshot.Builder b =
                  Fixtures.snapshot(id, age, inc)
                      .tier(tier)
                      .tierChanged(daysAgo(Math.min(since, age)));
              if (flags == 7) {
                b.tag(LifecyclePolicy.KEEP_TAG, "1");
              }
              if (flags < 3) {
                b.lastAccessed(daysAgo(Math.min(age, flags * 40)));
              }
              return b.build();
            });
  }

  private Arbitrary<LifecyclePolicy> policy() {
    Arbitrary<Rule> rule =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(1, 200),
                Arbitraries.integers().between(0, 3))
            .as(
                (kind, days, keep) -> {
                  Duration d = Duration.ofDays(days);
                  String name = "r" + kind + "-" + days + "-" + keep;
                  LifecyclePolicy.Builder b = LifecyclePolicy.builder();
                  switch (kind) {
                    case 0 ->
                        b.rule(name, r -> r.when(Condition.unusedFor(d)).then(Action.DEREGISTER));
                    case 1 ->
                        b.rule(name, r -> r.when(Condition.notAccessedFor(d)).then(Action.ARCHIVE));
                    case 2 ->
                        b.rule(
                            name,
                            r ->
                                r.when(Condition.moreThanInFamily(keep))
                                    .then(Action.DEREGISTER)
                                    .withoutSnapshots());
                    case 3 ->
                        b.rule(
                            name, r -> r.when(Condition.olderThan(d)).then(Action.DELETE_SNAPSHOT));
                    case 4 ->
                        b.rule(
                            name,
                            r -> r.when(Condition.notAccessedFor(d)).moveTier(StorageTier.COLD));
                    case 5 ->
                        b.rule(name, r -> r.when(Condition.deprecatedFor(d)).then(Action.ERASE));
                    case 6 ->
                        b.rule(
                            name,
                            r ->
                                r.when(
                                        Condition.tierIs(StorageTier.ARCHIVE),
                                        Condition.olderThan(d))
                                    .then(Action.RESTORE));
                    case 7 -> b.rule(name, r -> r.when(Condition.shared()).then(Action.UNSHARE));
                    case 8 ->
                        b.rule(
                            name,
                            r ->
                                r.when(Condition.olderThan(d))
                                    .then(Action.TAG)
                                    .tags(Tags.of("old", "yes")));
                    default ->
                        b.rule(
                            name,
                            r ->
                                r.when(Condition.moreThanInFamily(keep), Condition.olderThan(d))
                                    .then(Action.DISABLE));
                  }
                  return b.build().rules().get(0);
                });
    return Combinators.combine(
            rule.list().ofMinSize(1).ofMaxSize(4).uniqueElements(Rule::name),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (rules, protect, shared) -> {
              LifecyclePolicy.Builder b = LifecyclePolicy.builder().name("random");
              if (!protect) {
                b.allowActionsOnNewestOfFamily();
              }
              if (!shared) {
                b.sharedDoesNotCountAsInUse();
              }
              rules.forEach(b::rule);
              return b.build();
            });
  }

  @Property(tries = 400)
  void planEqualsBruteForceReference(@ForAll("cases") Case c) {
    Plan plan = PLANNER.plan(Inventory.of(c.images(), c.snapshots()), c.policy(), CLOCK);
    assertThat(tuples(plan.actions())).isEqualTo(tuples(reference(c)));
  }

  @Property(tries = 400)
  void nothingExcludedIsEverInAPlan(@ForAll("cases") Case c) {
    Plan plan = PLANNER.plan(Inventory.of(c.images(), c.snapshots()), c.policy(), CLOCK);
    Set<String> excluded = excluded(c);
    assertThat(plan.actions())
        .filteredOn(a -> a.action().changesResource())
        .allSatisfy(a -> assertThat(excluded).doesNotContain(a.kind() + ":" + a.resource()));
  }

  private static List<String> tuples(List<PlannedAction> actions) {
    return actions.stream()
        .map(
            a ->
                a.kind()
                    + ":"
                    + a.resource()
                    + ":"
                    + a.action()
                    + ":"
                    + a.rule()
                    + ":"
                    + a.monthlySaving())
        .toList();
  }

  /** Resources no changing action may touch, by the written exclusion rules. */
  private static Set<String> excluded(Case c) {
    Set<String> out = new HashSet<>();
    Set<String> backing = new HashSet<>();
    Map<String, Image> newest = new HashMap<>();
    for (Image i : c.images()) {
      if (i.state() == ImageState.DEREGISTERED) {
        continue;
      }
      backing.addAll(Resource.backingSnapshots(i));
      String f = c.policy().family().of(i);
      if (f != null) {
        newest.merge(f, i, (x, y) -> newer(x, y) ? x : y);
      }
    }
    StorageCost cost = PLANNER.cost();
    for (Image i : c.images()) {
      boolean minRet = inMinRetention(cost, i.storage().tier(), i.created());
      if (i.usage().inUse()
          || i.usage().deregistrationProtected()
          || i.tags().has(LifecyclePolicy.KEEP_TAG)
          || (c.policy().sharedCountsAsInUse() && i.usage().sharing().isShared())
          || minRet
          || (c.policy().protectNewestOfFamily() && newest.get(c.policy().family().of(i)) == i)) {
        out.add("IMAGE:" + i.nativeId());
      }
    }
    for (Snapshot s : c.snapshots()) {
      Instant since = s.tierChanged() == null ? s.created() : s.tierChanged();
      if (backing.contains(s.id())
          || s.tags().has(LifecyclePolicy.KEEP_TAG)
          || inMinRetention(cost, s.tier(), since)) {
        out.add("SNAPSHOT:" + s.id());
      }
    }
    return out;
  }

  private static boolean inMinRetention(StorageCost cost, StorageTier tier, Instant since) {
    Duration min = cost.prices().profile(tier).minimumRetention();
    return !min.isZero() && since.plus(min).isAfter(NOW);
  }

  private static boolean newer(Image x, Image y) {
    int c = x.created().compareTo(y.created());
    return c > 0 || (c == 0 && x.nativeId().compareTo(y.nativeId()) < 0);
  }

  /** The plan by brute force: every rule against every resource, families sorted in full. */
  private static List<PlannedAction> reference(Case c) {
    LifecyclePolicy policy = c.policy();
    StorageCost cost = PLANNER.cost();
    Set<String> excluded = excluded(c);
    Map<String, List<Image>> families = new HashMap<>();
    for (Image i : c.images()) {
      String f = policy.family().of(i);
      if (f != null && i.state().holdsStorage()) {
        families.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
      }
    }
    families.values().forEach(l -> l.sort((x, y) -> newer(x, y) ? -1 : newer(y, x) ? 1 : 0));
    List<Resource> all = new ArrayList<>();
    c.images().forEach(i -> all.add(Resource.of(i, policy.family())));
    c.snapshots().forEach(s -> all.add(Resource.of(s)));
    List<PlannedAction> out = new ArrayList<>();
    List<Integer> ruleIndex = new ArrayList<>();
    for (Resource r : all) {
      if (!r.actionable()) {
        continue;
      }
      int rank = Integer.MAX_VALUE;
      if (r.kind() == ResourceKind.IMAGE && r.family() != null) {
        List<Image> members = families.getOrDefault(r.family(), List.of());
        rank = members.size();
        for (int k = 0; k < members.size(); k++) {
          if (members.get(k).nativeId().equals(r.id())) {
            rank = k;
          }
        }
      }
      for (int k = 0; k < policy.rules().size(); k++) {
        Rule rule = policy.rules().get(k);
        if (!LifecyclePlanner.applicable(rule, r, NOW)) {
          continue;
        }
        boolean holds = true;
        for (Condition cond : rule.conditions()) {
          if (cond instanceof Comparisons.MoreThanInFamily m) {
            holds &= r.family() != null && rank >= m.keep();
          } else {
            holds &= cond.test(r, NOW, cost);
          }
        }
        if (!holds) {
          continue;
        }
        if (rule.action().changesResource() && excluded.contains(r.kind() + ":" + r.id())) {
          break;
        }
        if (PLANNER.losesMoney(rule, r) != null) {
          continue;
        }
        out.add(
            new PlannedAction(
                r.id(),
                r.kind(),
                rule.action(),
                rule.options(),
                rule.name(),
                "",
                PLANNER.saving(rule, r),
                null));
        ruleIndex.add(k);
        break;
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < out.size(); k++) {
      order.add(k);
    }
    order.sort(
        Comparator.<Integer>comparingInt(ruleIndex::get)
            .thenComparing(k -> out.get(k).kind())
            .thenComparing(k -> out.get(k).resource()));
    return order.stream().map(out::get).toList();
  }
}
