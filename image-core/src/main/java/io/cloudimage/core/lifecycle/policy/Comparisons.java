package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The conditions on one resource's own facts — ages, tier, tags, size, sharing, monthly cost — and
 * the family condition, which the planner decides from the whole family. Each is made, its argument
 * checked, by a factory of {@link Condition}.
 */
public final class Comparisons {
  private Comparisons() {}

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

  private static long days(Instant since, Instant now) {
    return Duration.between(since, now).toDays();
  }

  /** See {@link Condition#unusedFor}. */
  public record UnusedFor(Duration duration) implements Condition {
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
  public record NotAccessedFor(Duration duration) implements Condition {
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
  public record OlderThan(Duration duration) implements Condition {
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
  public record DeprecatedFor(Duration duration) implements Condition {
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
  public record MoreThanInFamily(int keep) implements Condition {
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
  public record TierIs(StorageTier tier) implements Condition {
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
  public record TagMatches(String key, Pattern value) implements Condition {
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
  public record SizeAbove(long bytes) implements Condition {
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
  public record Shared(boolean shared) implements Condition {
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
  public record MonthlyCostAbove(Money amount) implements Condition {
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
}
