package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.pricing.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The ranges and rules a {@link Scenario}'s fields must keep: each check returns the value it
 * accepts or throws {@link InvalidInputException} naming the field as {@code Scenario.FIELD}, so
 * that the builder and {@code ScenarioReader} report the same words.
 */
final class ScenarioRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The largest monthly budget; beyond it a figure is a typing mistake, not a budget. */
  private static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

  private ScenarioRules() {}

  /**
   * 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit.
   */
  static String name(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "Scenario.name '"
              + name
              + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    return name;
  }

  /** More than zero and at most a billion, in any currency. */
  static Money monthlyBudget(Money budget) {
    Objects.requireNonNull(budget, "monthlyBudget");
    if (budget.amount().signum() <= 0 || budget.amount().compareTo(MAX_BUDGET) > 0) {
      throw new InvalidInputException(
          "Scenario.monthlyBudget must be greater than 0 and at most "
              + MAX_BUDGET.toPlainString()
              + ", was "
              + budget);
    }
    return budget;
  }

  /** More than 0 and at most {@link Scenario#MAX_HOURS_PER_MONTH}; NaN is refused. */
  static double hoursPerMonth(double hours) {
    if (!(hours > 0 && hours <= Scenario.MAX_HOURS_PER_MONTH)) {
      throw new InvalidInputException(
          "Scenario.hoursPerMonth must be more than 0 and at most "
              + (int) Scenario.MAX_HOURS_PER_MONTH
              + ", was "
              + hours);
    }
    return hours;
  }

  /** Names without surrounding blanks, none listed twice; may be empty here, not at build. */
  static List<String> instanceTypes(List<String> types) {
    List<String> out = new ArrayList<>(types.size());
    for (int i = 0; i < types.size(); i++) {
      String t = Objects.requireNonNull(types.get(i), "instance type");
      if (t.isBlank() || !t.equals(t.strip())) {
        throw new InvalidInputException(
            "Scenario.instanceTypes[" + i + "] must be a name such as m6i.large, was '" + t + "'");
      }
      if (out.contains(t)) {
        throw new InvalidInputException(
            "Scenario.instanceTypes[" + i + "]: " + t + " is listed twice");
      }
      out.add(t);
    }
    return out;
  }

  /** Package names, none blank. */
  static List<String> packageHints(List<String> packages) {
    for (int i = 0; i < packages.size(); i++) {
      if (Objects.requireNonNull(packages.get(i), "package hint").isBlank()) {
        throw new InvalidInputException("Scenario.packageHints[" + i + "] must not be blank");
      }
    }
    return List.copyOf(packages);
  }

  /** The kinds accepted: those given, or every kind when none are. */
  static Set<ImageFlavour> acceptedKinds(Set<ImageFlavour> kinds) {
    return kinds.isEmpty() ? EnumSet.allOf(ImageFlavour.class) : EnumSet.copyOf(kinds);
  }

  /**
   * The preferred kind: the one given, which must be accepted, or by default {@link
   * ImageFlavour#STANDARD} when accepted, else the first accepted kind in {@link ImageFlavour}
   * order.
   */
  static ImageFlavour preferredKind(
      @Nullable ImageFlavour preferred, Set<ImageFlavour> accepted, String scenario) {
    if (preferred == null) {
      return accepted.contains(ImageFlavour.STANDARD)
          ? ImageFlavour.STANDARD
          : accepted.iterator().next();
    }
    if (!accepted.contains(preferred)) {
      throw new InvalidInputException(
          "Scenario.preferredKind "
              + preferred.name().toLowerCase(Locale.ROOT)
              + " is not among Scenario.acceptedKinds "
              + accepted.stream()
                  .map(k -> k.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + "; accept it or prefer another (scenario "
              + scenario
              + ")");
    }
    return preferred;
  }
}
