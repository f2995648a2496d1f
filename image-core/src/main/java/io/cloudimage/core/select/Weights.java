package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How much each {@link Dimension} counts in the total score. Weights need not add up to one: the
 * total is the weighted mean, {@code sum(w_d * score_d) / sum(w_d)}.
 *
 * <pre>{@code
 * Weights w = Scenario.DATABASE.weights().with(Dimension.COST, 0.4);
 * Weights parsed = Weights.parse("os=0.3,cost=0.4", Scenario.DATABASE.weights());
 * }</pre>
 *
 * @param os weight of {@link Dimension#OS}
 * @param hardware weight of {@link Dimension#HARDWARE}
 * @param performance weight of {@link Dimension#PERFORMANCE}
 * @param security weight of {@link Dimension#SECURITY}
 * @param cost weight of {@link Dimension#COST}
 */
public record Weights(
    double os, double hardware, double performance, double security, double cost) {
  /** Every dimension counts the same. */
  public static final Weights EQUAL = new Weights(1, 1, 1, 1, 1);

  public Weights {
    double[] all = {os, hardware, performance, security, cost};
    double sum = 0;
    for (int i = 0; i < all.length; i++) {
      if (!(all[i] >= 0) || Double.isInfinite(all[i])) {
        throw new InvalidInputException(
            "weight of "
                + Dimension.values()[i].id()
                + " must be a finite number >= 0, was "
                + all[i]);
      }
      sum += all[i];
    }
    if (sum <= 0) {
      throw new InvalidInputException("at least one weight must be > 0; all were 0");
    }
  }

  /** The weight of one dimension. */
  public double get(Dimension d) {
    switch (d) {
      case OS:
        return os;
      case HARDWARE:
        return hardware;
      case PERFORMANCE:
        return performance;
      case SECURITY:
        return security;
      case COST:
        return cost;
      default:
        throw new IllegalArgumentException(d.name());
    }
  }

  /** These weights with one changed. */
  public Weights with(Dimension d, double weight) {
    return new Weights(
        d == Dimension.OS ? weight : os,
        d == Dimension.HARDWARE ? weight : hardware,
        d == Dimension.PERFORMANCE ? weight : performance,
        d == Dimension.SECURITY ? weight : security,
        d == Dimension.COST ? weight : cost);
  }

  /** The sum of the weights. */
  public double sum() {
    return os + hardware + performance + security + cost;
  }

  /** The weights as a map in dimension order. */
  public Map<Dimension, Double> asMap() {
    Map<Dimension, Double> m = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      m.put(d, get(d));
    }
    return m;
  }

  /**
   * Parses {@code os=0.3,cost=0.4}: the dimensions named are set, the others keep {@code base}'s.
   *
   * @throws InvalidInputException naming the part that does not parse
   */
  public static Weights parse(String text, Weights base) {
    Weights w = base;
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(
            "weight '" + p + "' must look like DIMENSION=NUMBER, e.g. cost=0.4");
      }
      double value;
      try {
        value = Double.parseDouble(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "weight '" + p + "' must have a number after '=', e.g. cost=0.4", e);
      }
      w = w.with(Dimension.parse(p.substring(0, eq)), value);
    }
    return w;
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(",");
    asMap().forEach((d, v) -> j.add(d.id() + "=" + v));
    return j.toString();
  }
}
