package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a rule applies to an image or snapshot. A rule holds one or more conditions, all of which
 * must hold. Conditions that make no sense for a kind of resource (such as "deprecated for" on a
 * snapshot) never hold for it. {@link #not}, {@link #anyOf} and {@link #allOf} combine them.
 *
 * <pre>{@code
 * Condition.unusedFor(Duration.ofDays(30))
 * Condition.moreThanInFamily(3)            // all but the newest 3 of each family
 * Condition.tagMatches("env", "test|dev")
 * Condition.anyOf(Condition.tagMatches("env", "test"), Condition.not(Condition.shared(false)))
 * }</pre>
 *
 * <p>In a policy file the combinators are keys of {@code when}: {@code not: {tierIs: ARCHIVE}},
 * {@code anyOf: [{unusedFor: 30d}, {tag: {key: env, matches: test}}]} and {@code allOf: [...]};
 * each element is a mapping of conditions that must all hold.
 *
 * <p>Over 400 lines because the sealed interface holds every condition record (each a few lines of
 * test and explanation) so that the set stays closed; reading and writing them is in {@code
 * PolicyReader} and {@code ConditionCodec}.
 */
public sealed interface Condition
    permits Condition.UnusedFor,
        Condition.NotAccessedFor,
        Condition.OlderThan,
        Condition.DeprecatedFor,
        Condition.MoreThanInFamily,
        Condition.TierIs,
        Condition.TagMatches,
        Condition.SizeAbove,
        Condition.Shared,
        Condition.MonthlyCostAbove,
        Condition.Not,
        Condition.AnyOf,
        Condition.AllOf {

  /** The longest age a condition accepts: 36,500 days (100 years). */
  Duration MAX_AGE = Duration.ofDays(36_500);

  /**
   * Whether the condition holds for {@code r} at {@code now}. {@link MoreThanInFamily} depends on
   * the whole inventory: here it always holds, and the planner decides it from the family ranks.
   */
  boolean test(Resource r, Instant now, StorageCost cost);

  /** Why the condition holds for {@code r}, in words for a plan's reason. */
  String explain(Resource r, Instant now, StorageCost cost);

  /** The condition itself in words, such as {@code "unused for 30 days"}. */
  String describe();

  /** An image not launched for at least {@code d} (its creation counts when never launched). */
  static Condition unusedFor(Duration d) {
    return new UnusedFor(positive(d, "unusedFor"));
  }

  /**
   * An image not launched, or a snapshot not read, for at least {@code d} (creation counts when
   * never).
   */
  static Condition notAccessedFor(Duration d) {
    return new NotAccessedFor(positive(d, "notAccessedFor"));
  }

  /** Created at least {@code d} ago. */
  static Condition olderThan(Duration d) {
    return new OlderThan(positive(d, "olderThan"));
  }

  /** An image deprecated at least {@code d} ago. */
  static Condition deprecatedFor(Duration d) {
    if (d.isNegative()) {
      throw new InvalidInputException("deprecatedFor must be >= 0, was " + d);
    }
    return new DeprecatedFor(atMostMaxAge(d, "deprecatedFor"));
  }

  /** An image that is not among the newest {@code keep} of its family. */
  static Condition moreThanInFamily(int keep) {
    if (keep < 0) {
      throw new InvalidInputException("moreThanInFamily must be >= 0, was " + keep);
    }
    return new MoreThanInFamily(keep);
  }

  /** Stored in {@code tier}. */
  static Condition tierIs(StorageTier tier) {
    return new TierIs(tier);
  }

  /** Has tag {@code key} with a value matching {@code valueRegex} in full ({@code .*} for any). */
  static Condition tagMatches(String key, String valueRegex) {
    try {
      return new TagMatches(key, Pattern.compile(valueRegex));
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(
          "tag value pattern '"
              + valueRegex
              + "' is not a valid regular expression: "
              + e.getDescription(),
          e);
    }
  }

  /** Billed size above {@code bytes}. */
  static Condition sizeAbove(long bytes) {
    if (bytes < 0) {
      throw new InvalidInputException("sizeAbove must be >= 0, was " + bytes);
    }
    return new SizeAbove(bytes);
  }

  /** Shared with other accounts or public ({@code true}), or not ({@code false}). */
  static Condition shared(boolean shared) {
    return new Shared(shared);
  }

  /** Costing more than {@code amount} a month where it is stored now. */
  static Condition monthlyCostAbove(Money amount) {
    return new MonthlyCostAbove(amount);
  }

  /**
   * Holds when {@code c} does not. {@code c} must not be (or hold) {@link #moreThanInFamily}, which
   * the planner decides from the whole family.
   *
   * @throws InvalidInputException when {@code c} holds a family condition
   */
  static Condition not(Condition c) {
    return new Not(noFamily(c, "not"));
  }

  /**
   * Holds when at least one of {@code conditions} holds.
   *
   * @throws InvalidInputException when there is none, or one holds a family condition
   */
  static Condition anyOf(Condition... conditions) {
    return anyOf(java.util.List.of(conditions));
  }

  /** See {@link #anyOf(Condition...)}. */
  static Condition anyOf(java.util.List<Condition> conditions) {
    return new AnyOf(parts(conditions, "anyOf"));
  }

  /**
   * Holds when all of {@code conditions} hold; useful inside {@link #anyOf} and {@link #not}.
   *
   * @throws InvalidInputException when there is none, or one holds a family condition
   */
  static Condition allOf(Condition... conditions) {
    return allOf(java.util.List.of(conditions));
  }

  /** See {@link #allOf(Condition...)}. */
  static Condition allOf(java.util.List<Condition> conditions) {
    return new AllOf(parts(conditions, "allOf"));
  }

  private static java.util.List<Condition> parts(
      java.util.List<Condition> conditions, String name) {
    if (conditions.isEmpty()) {
      throw new InvalidInputException(name + " needs at least one condition");
    }
    for (Condition c : conditions) {
      noFamily(c, name);
    }
    return java.util.List.copyOf(conditions);
  }

  private static Condition noFamily(Condition c, String name) {
    if (c.holdsFamilyCondition()) {
      throw new InvalidInputException(
          "moreThanInFamily cannot be inside "
              + name
              + ": it is decided from the whole family; put it directly under the rule's when");
    }
    return c;
  }

  /** Whether this is, or holds, {@link #moreThanInFamily}. */
  default boolean holdsFamilyCondition() {
    return false;
  }

  private static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidInputException(name + " must be a positive duration, was " + d);
    }
    return atMostMaxAge(d, name);
  }

  private static Duration atMostMaxAge(Duration d, String name) {
    if (d.compareTo(MAX_AGE) > 0) {
      throw new InvalidInputException(
          name + " must be at most " + MAX_AGE.toDays() + "d (100 years), was " + d);
    }
    return d;
  }

  /** Whether at least {@code d} has passed from {@code since} to {@code now}; never overflows. */
  private static boolean atLeast(Instant since, Duration d, Instant now) {
    return !since.isAfter(now) && Duration.between(since, now).compareTo(d) >= 0;
  }

  /** An age in the largest whole unit: {@code 30 days}, {@code 12 hours}, {@code 90 seconds}. */
  private static String age(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() == 0 && s % 86_400 == 0) {
      return plural(s / 86_400, "day");
    }
    if (d.getNano() == 0 && s % 3_600 == 0) {
      return plural(s / 3_600, "hour");
    }
    if (d.getNano() == 0 && s % 60 == 0) {
      return plural(s / 60, "minute");
    }
    return d.getNano() == 0 ? plural(s, "second") : d.toString();
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** A part's description, in parentheses when it is itself a combination. */
  private static String part(Condition c) {
    return c instanceof AnyOf || c instanceof AllOf ? "(" + c.describe() + ")" : c.describe();
  }

  private static long days(Instant since, Instant now) {
    return Duration.between(since, now).toDays();
  }

  /** See {@link Condition#unusedFor}. */
  record UnusedFor(Duration duration) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.kind() == ResourceKind.IMAGE && atLeast(r.lastUseOrCreated(), duration, now);
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return sinceLastUse(r, now, "launched");
    }

    @Override
    public String describe() {
      return "unused for " + age(duration);
    }
  }

  /** "never VERB, created N days ago" or "not VERB for N days". */
  private static String sinceLastUse(Resource r, Instant now, String verb) {
    Instant last = r.lastUse();
    return last == null
        ? "never " + verb + ", created " + days(r.created(), now) + " days ago"
        : "not " + verb + " for " + days(last, now) + " days";
  }

  /** See {@link Condition#notAccessedFor}. */
  record NotAccessedFor(Duration duration) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return atLeast(r.lastUseOrCreated(), duration, now);
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return sinceLastUse(r, now, "accessed");
    }

    @Override
    public String describe() {
      return "not accessed for " + age(duration);
    }
  }

  /** See {@link Condition#olderThan}. */
  record OlderThan(Duration duration) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return atLeast(r.created(), duration, now);
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "created " + days(r.created(), now) + " days ago";
    }

    @Override
    public String describe() {
      return "older than " + age(duration);
    }
  }

  /** See {@link Condition#deprecatedFor}. */
  record DeprecatedFor(Duration duration) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      Instant d = r.deprecation();
      return d != null && atLeast(d, duration, now);
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      Instant d = r.deprecation();
      return d == null ? "not deprecated" : "deprecated " + days(d, now) + " days ago";
    }

    @Override
    public String describe() {
      return duration.isZero() ? "deprecated" : "deprecated for " + age(duration);
    }
  }

  /** See {@link Condition#moreThanInFamily}. */
  record MoreThanInFamily(int keep) implements Condition {
    @Override
    public boolean holdsFamilyCondition() {
      return true;
    }

    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.kind() == ResourceKind.IMAGE && r.family() != null;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "not among the newest " + keep + " of family " + r.family();
    }

    @Override
    public String describe() {
      return "not among the newest " + keep + " of its family";
    }
  }

  /** See {@link Condition#tierIs}. */
  record TierIs(StorageTier tier) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.tier() == tier;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "in tier " + tier;
    }

    @Override
    public String describe() {
      return "in tier " + tier;
    }
  }

  /** See {@link Condition#tagMatches}. */
  record TagMatches(String key, Pattern value) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.tags().get(key).map(v -> value.matcher(v).matches()).orElse(false);
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "tag " + key + " matches " + value.pattern();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TagMatches
          && ((TagMatches) o).key.equals(key)
          && ((TagMatches) o).value.pattern().equals(value.pattern());
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + value.pattern().hashCode();
    }

    @Override
    public String describe() {
      return "tag " + key + " matches " + value.pattern();
    }
  }

  /** See {@link Condition#sizeAbove}. */
  record SizeAbove(long bytes) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.billedBytes(r.tier()) > bytes;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "stores " + r.billedBytes(r.tier()) + " bytes (> " + bytes + ")";
    }

    @Override
    public String describe() {
      return "larger than " + bytes + " bytes";
    }
  }

  /** See {@link Condition#shared}. */
  record Shared(boolean shared) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.kind() == ResourceKind.IMAGE && r.shared() == shared;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return shared ? "shared with other accounts" : "not shared";
    }

    @Override
    public String describe() {
      return shared ? "shared with other accounts" : "not shared";
    }
  }

  /** See {@link Condition#monthlyCostAbove}. */
  record MonthlyCostAbove(Money amount) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return cost.monthly(r).compareTo(amount) > 0;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "costs " + cost.monthly(r).rounded() + " a month (> " + amount + ")";
    }

    @Override
    public String describe() {
      return "costing more than " + amount + " a month";
    }
  }

  /** See {@link Condition#not}. */
  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return !condition.test(r, now, cost);
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      // The inner condition does not hold, so its own explanation would not be true: say what
      // the resource is not.
      return describe();
    }

    @Override
    public String describe() {
      return "not " + part(condition);
    }
  }

  /** See {@link Condition#anyOf(Condition...)}. */
  record AnyOf(java.util.List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      for (Condition c : conditions) {
        if (c.test(r, now, cost)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The alternatives that hold on {@code r}, each explained; when none can be shown to hold on
     * {@code r} (a planner may explain from a compact form without tags), the alternatives.
     */
    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      StringBuilder b = new StringBuilder();
      for (Condition c : conditions) {
        if (c.test(r, now, cost)) {
          b.append(b.length() == 0 ? "" : " and ").append(c.explain(r, now, cost));
        }
      }
      return b.length() == 0 ? describe() : b.toString();
    }

    @Override
    public String describe() {
      StringBuilder b = new StringBuilder();
      for (Condition c : conditions) {
        b.append(b.length() == 0 ? "" : " or ").append(part(c));
      }
      return b.toString();
    }
  }

  /** See {@link Condition#allOf(Condition...)}. */
  record AllOf(java.util.List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      for (Condition c : conditions) {
        if (!c.test(r, now, cost)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      StringBuilder b = new StringBuilder();
      // Called only when every part holds: each part's own explanation is true.
      for (Condition c : conditions) {
        b.append(b.length() == 0 ? "" : " and ").append(c.explain(r, now, cost));
      }
      return b.toString();
    }

    @Override
    public String describe() {
      StringBuilder b = new StringBuilder();
      for (Condition c : conditions) {
        b.append(b.length() == 0 ? "" : " and ").append(part(c));
      }
      return b.toString();
    }
  }
}
