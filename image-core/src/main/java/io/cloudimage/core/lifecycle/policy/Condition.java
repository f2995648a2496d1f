package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Condition.anyOf(Condition.tagMatches("env", "test"), Condition.not(Condition.notShared()))
 * }</pre>
 *
 * <p>In a policy file the combinators are keys of {@code when}: {@code not: {tierIs: ARCHIVE}},
 * {@code anyOf: [{unusedFor: 30d}, {tag: {key: env, matches: test}}]} and {@code allOf: [...]};
 * each element is a mapping of conditions that must all hold.
 *
 * <p>The conditions on a resource's own facts are the records of {@link Comparisons}; {@link
 * Combinators} holds {@code not}, {@code anyOf} and {@code allOf}. Reading them from a policy file
 * is in {@code PolicyReader}, writing them into plan files in {@code ConditionCodec}.
 */
public sealed interface Condition
    permits Comparisons.UnusedFor,
        Comparisons.NotAccessedFor,
        Comparisons.OlderThan,
        Comparisons.DeprecatedFor,
        Comparisons.MoreThanInFamily,
        Comparisons.TierIs,
        Comparisons.TagMatches,
        Comparisons.SizeAbove,
        Comparisons.Shared,
        Comparisons.MonthlyCostAbove,
        Combinators.Not,
        Combinators.AnyOf,
        Combinators.AllOf {

  /** The longest age a condition accepts: 36,500 days (100 years). */
  Duration MAX_AGE = Duration.ofDays(36_500);

  /**
   * Whether the condition holds for {@code r} at {@code now}. {@link Comparisons.MoreThanInFamily}
   * depends on the whole inventory: here it always holds, and the planner decides it from the
   * family ranks.
   */
  boolean test(Resource r, Instant now, StorageCost cost);

  /** Why the condition holds for {@code r}, in words for a plan's reason. */
  String explain(Resource r, Instant now, StorageCost cost);

  /** The condition itself in words, such as {@code "unused for 30 days"}. */
  String describe();

  /** An image not launched for at least {@code d} (its creation counts when never launched). */
  static Condition unusedFor(Duration d) {
    return new Comparisons.UnusedFor(positive(d, "unusedFor"));
  }

  /**
   * An image not launched, or a snapshot not read, for at least {@code d} (creation counts when
   * never).
   */
  static Condition notAccessedFor(Duration d) {
    return new Comparisons.NotAccessedFor(positive(d, "notAccessedFor"));
  }

  /** Created at least {@code d} ago. */
  static Condition olderThan(Duration d) {
    return new Comparisons.OlderThan(positive(d, "olderThan"));
  }

  /** An image deprecated at least {@code d} ago. */
  static Condition deprecatedFor(Duration d) {
    if (d.isNegative()) {
      throw new InvalidInputException("deprecatedFor must be >= 0, was " + d);
    }
    return new Comparisons.DeprecatedFor(atMostMaxAge(d, "deprecatedFor"));
  }

  /** An image that is not among the newest {@code keep} of its family. */
  static Condition moreThanInFamily(int keep) {
    if (keep < 0) {
      throw new InvalidInputException("moreThanInFamily must be >= 0, was " + keep);
    }
    return new Comparisons.MoreThanInFamily(keep);
  }

  /** Stored in {@code tier}. */
  static Condition tierIs(StorageTier tier) {
    return new Comparisons.TierIs(tier);
  }

  /** Has tag {@code key} with a value matching {@code valueRegex} in full ({@code .*} for any). */
  static Condition tagMatches(String key, String valueRegex) {
    try {
      return new Comparisons.TagMatches(key, Pattern.compile(valueRegex));
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
    return new Comparisons.SizeAbove(bytes);
  }

  /** Shared with other accounts or public. */
  static Condition shared() {
    return new Comparisons.Shared(true);
  }

  /** Neither shared with other accounts nor public. */
  static Condition notShared() {
    return new Comparisons.Shared(false);
  }

  /** Costing more than {@code amount} a month where it is stored now. */
  static Condition monthlyCostAbove(Money amount) {
    return new Comparisons.MonthlyCostAbove(amount);
  }

  /**
   * Holds when {@code c} does not. {@code c} must not be (or hold) {@link #moreThanInFamily}, which
   * the planner decides from the whole family.
   *
   * @throws InvalidInputException when {@code c} holds a family condition
   */
  static Condition not(Condition c) {
    return new Combinators.Not(Combinators.noFamily(c, "not"));
  }

  /**
   * Holds when at least one of {@code conditions} holds.
   *
   * @throws InvalidInputException when there is none, or one holds a family condition
   */
  static Condition anyOf(Condition... conditions) {
    return anyOf(List.of(conditions));
  }

  /** See {@link #anyOf(Condition...)}. */
  static Condition anyOf(List<Condition> conditions) {
    return new Combinators.AnyOf(Combinators.parts(conditions, "anyOf"));
  }

  /**
   * Holds when all of {@code conditions} hold; useful inside {@link #anyOf} and {@link #not}.
   *
   * @throws InvalidInputException when there is none, or one holds a family condition
   */
  static Condition allOf(Condition... conditions) {
    return allOf(List.of(conditions));
  }

  /** See {@link #allOf(Condition...)}. */
  static Condition allOf(List<Condition> conditions) {
    return new Combinators.AllOf(Combinators.parts(conditions, "allOf"));
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
}
