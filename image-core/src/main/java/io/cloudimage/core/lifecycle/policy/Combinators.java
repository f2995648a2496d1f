package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.pricing.StorageCost;
import java.time.Instant;
import java.util.List;

/**
 * The conditions that combine others: {@link Not}, {@link AnyOf} and {@link AllOf}, made by {@link
 * Condition#not}, {@link Condition#anyOf(Condition...)} and {@link Condition#allOf(Condition...)}.
 * None may hold the family condition, which the planner decides from the whole family rather than
 * from one resource.
 */
public final class Combinators {
  private Combinators() {}

  /** {@code conditions}, checked to be a non-empty list without a family condition. */
  static List<Condition> parts(List<Condition> conditions, String name) {
    if (conditions.isEmpty()) {
      throw new InvalidInputException(name + " needs at least one condition");
    }
    for (Condition c : conditions) {
      noFamily(c, name);
    }
    return List.copyOf(conditions);
  }

  /** {@code c}, checked to hold no family condition. */
  static Condition noFamily(Condition c, String name) {
    if (c.holdsFamilyCondition()) {
      throw new InvalidInputException(
          "moreThanInFamily cannot be inside "
              + name
              + ": it is decided from the whole family; put it directly under the rule's when");
    }
    return c;
  }

  /** A part's description, in parentheses when it is itself a combination. */
  private static String part(Condition c) {
    return c instanceof AnyOf || c instanceof AllOf ? "(" + c.describe() + ")" : c.describe();
  }

  /** See {@link Condition#not}. */
  public record Not(Condition condition) implements Condition {
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
  public record AnyOf(List<Condition> conditions) implements Condition {
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
  public record AllOf(List<Condition> conditions) implements Condition {
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
