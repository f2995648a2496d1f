package io.cloudimage.core.lifecycle.policy.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.policy.Combinators;
import io.cloudimage.core.lifecycle.policy.Comparisons;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a rule's conditions into a plan file and reads them back, so that the executor can
 * evaluate them again at apply time with the real clock. Each condition is one object with a {@code
 * type} and its argument.
 */
public final class ConditionCodec {
  private ConditionCodec() {}

  /** Writes one condition as an object with a {@code type} and its argument. */
  public static void write(JsonGenerator g, Condition c) throws IOException {
    g.writeStartObject();
    if (c instanceof Comparisons.UnusedFor) {
      duration(g, "unusedFor", ((Comparisons.UnusedFor) c).duration());
    } else if (c instanceof Comparisons.NotAccessedFor) {
      duration(g, "notAccessedFor", ((Comparisons.NotAccessedFor) c).duration());
    } else if (c instanceof Comparisons.OlderThan) {
      duration(g, "olderThan", ((Comparisons.OlderThan) c).duration());
    } else if (c instanceof Comparisons.DeprecatedFor) {
      duration(g, "deprecatedFor", ((Comparisons.DeprecatedFor) c).duration());
    } else if (c instanceof Comparisons.MoreThanInFamily) {
      g.writeStringField("type", "moreThanInFamily");
      g.writeNumberField("keep", ((Comparisons.MoreThanInFamily) c).keep());
    } else if (c instanceof Comparisons.TierIs) {
      g.writeStringField("type", "tierIs");
      g.writeStringField("tier", ((Comparisons.TierIs) c).tier().name());
    } else if (c instanceof Comparisons.TagMatches) {
      Comparisons.TagMatches t = (Comparisons.TagMatches) c;
      g.writeStringField("type", "tagMatches");
      g.writeStringField("key", t.key());
      g.writeStringField("value", t.value().pattern());
    } else if (c instanceof Comparisons.SizeAbove) {
      g.writeStringField("type", "sizeAbove");
      g.writeNumberField("bytes", ((Comparisons.SizeAbove) c).bytes());
    } else if (c instanceof Comparisons.Shared) {
      g.writeStringField("type", "shared");
      g.writeBooleanField("shared", ((Comparisons.Shared) c).shared());
    } else if (c instanceof Comparisons.MonthlyCostAbove) {
      Money m = ((Comparisons.MonthlyCostAbove) c).amount();
      g.writeStringField("type", "monthlyCostAbove");
      g.writeStringField("amount", m.amount().toPlainString());
      g.writeStringField("currency", m.currency().getCurrencyCode());
    } else if (c instanceof Combinators.Not) {
      g.writeStringField("type", "not");
      g.writeFieldName("condition");
      write(g, ((Combinators.Not) c).condition());
    } else if (c instanceof Combinators.AnyOf) {
      g.writeStringField("type", "anyOf");
      parts(g, ((Combinators.AnyOf) c).conditions());
    } else if (c instanceof Combinators.AllOf) {
      g.writeStringField("type", "allOf");
      parts(g, ((Combinators.AllOf) c).conditions());
    } else {
      // A condition the plan cannot carry could not be re-checked at apply: refuse to plan it.
      throw new IllegalStateException(
          "condition " + c + " cannot be written into a plan file; ConditionCodec must learn it");
    }
    g.writeEndObject();
  }

  private static void parts(JsonGenerator g, List<Condition> parts) throws IOException {
    g.writeArrayFieldStart("conditions");
    for (Condition part : parts) {
      write(g, part);
    }
    g.writeEndArray();
  }

  private static void duration(JsonGenerator g, String type, Duration d) throws IOException {
    g.writeStringField("type", type);
    g.writeStringField("duration", d.toString());
  }

  /**
   * Reads one condition written by {@link #write}.
   *
   * @throws io.cloudimage.core.error.InvalidInputException naming {@code where} when it is not one
   */
  public static Condition read(JsonNode n, String where) {
    String type = text(n, "type", where);
    try {
      switch (type) {
        case "unusedFor":
          return Condition.unusedFor(Duration.parse(text(n, "duration", where)));
        case "notAccessedFor":
          return Condition.notAccessedFor(Duration.parse(text(n, "duration", where)));
        case "olderThan":
          return Condition.olderThan(Duration.parse(text(n, "duration", where)));
        case "deprecatedFor":
          return Condition.deprecatedFor(Duration.parse(text(n, "duration", where)));
        case "moreThanInFamily":
          return Condition.moreThanInFamily(integer(n, "keep", where));
        case "tierIs":
          return Condition.tierIs(StorageTier.parse(text(n, "tier", where)));
        case "tagMatches":
          return Condition.tagMatches(text(n, "key", where), text(n, "value", where));
        case "sizeAbove":
          JsonNode b = n.get("bytes");
          if (b == null || !b.canConvertToLong() || !b.isIntegralNumber()) {
            throw new InvalidInputException(where + ": 'bytes' must be a whole number");
          }
          return Condition.sizeAbove(b.longValue());
        case "shared":
          JsonNode s = n.get("shared");
          if (s == null || !s.isBoolean()) {
            throw new InvalidInputException(where + ": 'shared' must be true or false");
          }
          return s.booleanValue() ? Condition.shared() : Condition.notShared();
        case "monthlyCostAbove":
          return Condition.monthlyCostAbove(
              Money.of(text(n, "amount", where), text(n, "currency", where)));
        case "not":
          JsonNode inner = n.get("condition");
          if (inner == null || !inner.isObject()) {
            throw new InvalidInputException(where + ": 'condition' must be a condition object");
          }
          return Condition.not(read(inner, where + ".condition"));
        case "anyOf":
          return Condition.anyOf(parts(n, where));
        case "allOf":
          return Condition.allOf(parts(n, where));
        default:
          throw new InvalidInputException(where + ": unknown condition type '" + type + "'");
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }

  /** The parts of a combinator (Jackson bounds how deep a plan file may nest them). */
  private static List<Condition> parts(JsonNode n, String where) {
    JsonNode list = n.get("conditions");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidInputException(
          where + ": 'conditions' must be a non-empty list of condition objects");
    }
    List<Condition> parts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode part = list.get(i);
      if (!part.isObject()) {
        throw new InvalidInputException(
            where + ".conditions[" + i + "]: must be a condition object");
      }
      parts.add(read(part, where + ".conditions[" + i + "]"));
    }
    return parts;
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(where + ": '" + field + "' is required");
    }
    return v.asText();
  }

  private static int integer(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isInt()) {
      throw new InvalidInputException(where + ": '" + field + "' must be a whole number");
    }
    return v.intValue();
  }
}
