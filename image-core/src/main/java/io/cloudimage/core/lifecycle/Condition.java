package io.cloudimage.core.lifecycle;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Money;
import io.cloudimage.core.model.StorageTier;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a rule applies to an image or snapshot. A rule holds one or more conditions, all of which
 * must hold. Conditions that make no sense for a kind of resource (such as "deprecated for" on a
 * snapshot) never hold for it.
 *
 * <pre>{@code
 * Condition.unusedFor(Duration.ofDays(30))
 * Condition.moreThanInFamily(3)            // all but the newest 3 of each family
 * Condition.tagMatches("env", "test|dev")
 * }</pre>
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
        Condition.MonthlyCostAbove {

  /**
   * Whether the condition holds for {@code r} at {@code now}. {@link MoreThanInFamily} depends on
   * the whole inventory: here it always holds, and the planner decides it from the family ranks.
   */
  boolean test(Resource r, Instant now, StorageCost cost);

  /** Why the condition holds for {@code r}, in words for a plan's reason. */
  String explain(Resource r, Instant now, StorageCost cost);

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
    return new DeprecatedFor(d);
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

  private static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidInputException(name + " must be a positive duration, was " + d);
    }
    return d;
  }

  private static boolean atLeast(Instant since, Duration d, Instant now) {
    return !since.plus(d).isAfter(now);
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
  }

  /** See {@link Condition#moreThanInFamily}. */
  record MoreThanInFamily(int keep) implements Condition {
    @Override
    public boolean test(Resource r, Instant now, StorageCost cost) {
      return r.kind() == ResourceKind.IMAGE && r.family() != null;
    }

    @Override
    public String explain(Resource r, Instant now, StorageCost cost) {
      return "not among the newest " + keep + " of family " + r.family();
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
  }
}
