package io.cloudimage.core.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.pricing.ComputeCost;
import io.cloudimage.core.pricing.ExchangeRates;
import io.cloudimage.core.pricing.Money;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monthly costs per image, per image family and in total. Totals are kept per currency; {@link
 * #total(Currency, ExchangeRates)} folds them into one only with rates the caller gives.
 *
 * @param images the cost of each image
 */
public record CostReport(List<ImageCost> images) {
  public CostReport {
    images = List.copyOf(images);
  }

  /** The monthly total per currency. */
  public Map<Currency, Money> total() {
    return sum(images.stream().flatMap(i -> i.monthlyAmounts().stream()).toList());
  }

  /**
   * The monthly total in one currency.
   *
   * @throws io.cloudimage.core.error.InvalidInputException when an amount's currency has no rate
   */
  public Money total(Currency target, ExchangeRates rates) {
    Money sum = Money.zero(target);
    for (Money m : total().values()) {
      sum = sum.plus(rates.convert(m, target));
    }
    return sum;
  }

  /** The monthly total per image family, then per currency; images without one under {@code -}. */
  public Map<String, Map<Currency, Money>> byFamily() {
    Map<String, Map<Currency, Money>> out = new TreeMap<>();
    for (ImageCost i : images) {
      Map<Currency, Money> f = out.computeIfAbsent(i.family(), k -> ImageCost.empty());
      for (Money m : i.monthlyAmounts()) {
        f.merge(m.currency(), m, Money::plus);
      }
    }
    return out;
  }

  static Map<Currency, Money> sum(Collection<Money> amounts) {
    Map<Currency, Money> out = ImageCost.empty();
    for (Money m : amounts) {
      out.merge(m.currency(), m, Money::plus);
    }
    return out;
  }

  /**
   * The report as JSON: {@code {"images":[{"image","family","tier","sizeBytes","storage",
   * "compute":{"instanceType","onDemand","reserved","breakEvenHoursPerMonth","model"},"licence",
   * "monthly":{"USD":"12.34"}}],"byFamily":{"web":{"USD":"…"}},"total":{"USD":"…"}}}}; amounts are
   * decimal strings rounded half-even to the currency's minor unit (see {@link Money#format()}).
   * The text is pretty-printed, as the command line prints it, without a trailing newline.
   */
  public String toJson() {
    ObjectNode root = JsonTrees.object();
    ArrayNode list = root.putArray("images");
    for (ImageCost i : images) {
      ObjectNode n = list.addObject();
      n.put("image", i.image().nativeId());
      n.put("family", i.family());
      n.put("tier", i.tier().name());
      n.put("sizeBytes", i.sizeBytes());
      n.put("storage", i.storageMonthly().format());
      ComputeCost c = i.compute();
      if (c == null) {
        n.putNull("compute");
      } else {
        ObjectNode cn = n.putObject("compute");
        cn.put("instanceType", c.instanceType());
        cn.put("hoursPerMonth", c.hoursPerMonth());
        cn.put("onDemand", c.onDemandMonthly().format());
        cn.put("reserved", c.reservedMonthly().format());
        cn.put("breakEvenHoursPerMonth", c.breakEvenHoursPerMonth());
        cn.put("model", i.computeModel().name());
      }
      Money l = i.licenceMonthly();
      if (l == null) {
        n.putNull("licence");
      } else {
        n.put("licence", l.format());
      }
      n.set("monthly", amounts(i.monthlyTotals()));
    }
    ObjectNode fam = root.putObject("byFamily");
    byFamily().forEach((k, v) -> fam.set(k, amounts(v)));
    root.set("total", amounts(total()));
    return JsonTrees.pretty(root);
  }

  private static ObjectNode amounts(Map<Currency, Money> m) {
    ObjectNode n = JsonTrees.object();
    m.forEach((c, v) -> n.put(c.getCurrencyCode(), v.rounded().amount().toPlainString()));
    return n;
  }
}
