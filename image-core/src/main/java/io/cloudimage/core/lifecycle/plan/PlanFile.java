package io.cloudimage.core.lifecycle.plan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.ActionOptions;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.internal.ConditionCodec;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.pricing.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The plan file format: writes a {@link Plan} as JSON in a stable field order (so that its digest
 * is stable too) and reads it back strictly, streaming the action lists, naming the field and line
 * of anything wrong and refusing a plan whose content does not match its digest. The layout is
 * shown on {@link Plan}.
 */
final class PlanFile {
  private static final String FORMAT = "cloudimage-lifecycle-plan";

  private PlanFile() {}

  /** Writes {@code plan} as JSON, with {@code withDigest} as its digest unless {@code null}. */
  static void write(Plan plan, OutputStream out, JsonStyle style, @Nullable String withDigest)
      throws IOException {
    try (JsonGenerator g =
        StrictJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      if (style == JsonStyle.PRETTY) {
        g.useDefaultPrettyPrinter();
      }
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", 1);
      g.writeStringField("policy", plan.policy());
      g.writeStringField("createdAt", plan.createdAt().toString());
      g.writeStringField("currency", plan.currency().getCurrencyCode());
      g.writeStringField("priceBook", plan.priceBook());
      g.writeNumberField("monthlySaving", Plan.cents(plan.monthlySaving().amount()));
      g.writeArrayFieldStart("actions");
      for (PlannedAction a : plan.actions()) {
        g.writeStartObject();
        g.writeStringField("resource", a.resource());
        g.writeStringField("kind", a.kind().name());
        g.writeStringField("action", a.action().name());
        g.writeStringField("rule", a.rule());
        g.writeStringField("reason", a.reason());
        g.writeNumberField("monthlySaving", Plan.cents(a.monthlySaving().amount()));
        ActionOptions o = a.options();
        StorageTier tier = o.tier();
        g.writeStringField("tier", tier == null ? null : tier.name());
        g.writeBooleanField("withSnapshots", o.withSnapshots());
        g.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> t : o.tags().asMap().entrySet()) {
          g.writeStringField(t.getKey(), t.getValue());
        }
        g.writeEndObject();
        g.writeStringField("targetRegion", o.targetRegion());
        g.writeArrayFieldStart("accounts");
        for (String acc : new TreeSet<>(o.accounts())) {
          g.writeString(acc);
        }
        g.writeEndArray();
        Duration window = a.recoveryWindow();
        g.writeStringField("recoveryWindow", window == null ? null : window.toString());
        writeObserved(g, a.observed());
        g.writeArrayFieldStart("conditions");
        for (Condition c : a.conditions()) {
          ConditionCodec.write(g, c);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("skipped");
      for (SkippedAction s : plan.skipped()) {
        g.writeStartObject();
        g.writeStringField("resource", s.resource());
        g.writeStringField("kind", s.kind().name());
        g.writeStringField("action", s.action().name());
        g.writeStringField("rule", s.rule());
        g.writeStringField("reason", s.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (withDigest != null) {
        g.writeStringField("digest", withDigest);
      }
      g.writeEndObject();
    }
  }

  private static void writeObserved(JsonGenerator g, @Nullable Observed o) throws IOException {
    if (o == null) {
      g.writeNullField("observed");
      return;
    }
    g.writeObjectFieldStart("observed");
    g.writeStringField("state", o.state());
    Instant last = o.lastUse();
    g.writeStringField("lastUse", last == null ? null : last.toString());
    g.writeBooleanField("inUse", o.inUse());
    g.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> t : o.tags().asMap().entrySet()) {
      g.writeStringField(t.getKey(), t.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("sizeBytes", o.sizeBytes());
    g.writeStringField("tier", o.tier().name());
    g.writeEndObject();
  }

  private static @Nullable Observed observed(JsonNode a, String where) {
    JsonNode n = a.get("observed");
    if (n == null || n.isNull()) {
      return null;
    }
    String at = where + " observed";
    if (!n.isObject()) {
      throw new InvalidInputException(at + ": must be an object");
    }
    String last = opt(n, "lastUse");
    JsonNode inUse = n.get("inUse");
    JsonNode size = n.get("sizeBytes");
    if (inUse == null || !inUse.isBoolean()) {
      throw new InvalidInputException(at + ": 'inUse' must be true or false");
    }
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
      throw new InvalidInputException(at + ": 'sizeBytes' must be a whole number");
    }
    return new Observed(
        req(n, "state", at),
        last == null ? null : instant(last, at + ": lastUse"),
        inUse.booleanValue(),
        tags(n.get("tags")),
        size.longValue(),
        StorageTier.parse(req(n, "tier", at)));
  }

  private static Tags tags(@Nullable JsonNode t) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (t != null && t.isObject()) {
      t.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    }
    return Tags.of(tags);
  }

  private static List<Condition> conditions(JsonNode a, String where) {
    JsonNode n = a.get("conditions");
    List<Condition> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new InvalidInputException(where + ": 'conditions' must be an array");
    }
    for (int i = 0; i < n.size(); i++) {
      out.add(ConditionCodec.read(n.get(i), where + " conditions[" + i + "]"));
    }
    return out;
  }

  /** See {@link Plan#read(Path)}. */
  static Plan read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("plan file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** See {@link Plan#read(InputStream, String)}. */
  static Plan read(InputStream in, String source) {
    Map<String, JsonNode> header = new LinkedHashMap<>();
    List<PlannedAction> actions = new ArrayList<>();
    List<SkippedAction> skipped = new ArrayList<>();
    String currencyCode = null;
    try (JsonParser p = StrictJson.mapper().getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(source + ": a plan file must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("actions") || field.equals("skipped")) {
          if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException(source + ": '" + field + "' must be an array");
          }
          int i = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            long line = p.currentTokenLocation().getLineNr();
            JsonNode n = StrictJson.mapper().readTree(p);
            String where = source + " " + field + "[" + i++ + "] (line " + line + ")";
            if (currencyCode == null) {
              JsonNode c = header.get("currency");
              currencyCode = c == null ? null : c.asText();
            }
            if (field.equals("actions")) {
              actions.add(action(n, where, currencyCode));
            } else {
              skipped.add(skippedAction(n, where));
            }
          }
        } else {
          header.put(field, StrictJson.mapper().readTree(p));
        }
      }
    } catch (JsonProcessingException e) {
      throw JsonFiles.notJson(source, e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(headerText(header, "format", source))) {
      throw new InvalidInputException(
          source + ": 'format' must be " + FORMAT + "; make the file with `lifecycle plan --json`");
    }
    String code = headerText(header, "currency", source);
    Plan plan =
        new Plan(
            headerText(header, "policy", source),
            instant(headerText(header, "createdAt", source), source + ": createdAt"),
            Money.zero(code).currency(),
            headerText(header, "priceBook", source),
            actions,
            skipped);
    String claimed = headerText(header, "digest", source);
    if (!claimed.equals(plan.digest())) {
      throw new CheckFailedException(
          source
              + ": the plan does not match its digest; it was changed after it was made."
              + " Make a new plan with `lifecycle plan`.");
    }
    return plan;
  }

  private static String headerText(Map<String, JsonNode> header, String field, String source) {
    JsonNode n = header.get(field);
    if (n == null || !n.isValueNode() || n.isNull()) {
      throw new InvalidInputException(source + ": '" + field + "' is required");
    }
    return n.asText();
  }

  private static Instant instant(String text, String where) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException(where + " '" + text + "' is not an ISO-8601 instant", e);
    }
  }

  private static String req(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new InvalidInputException(where + ": '" + field + "' is required");
    }
    return v.asText();
  }

  private static @Nullable String opt(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static PlannedAction action(JsonNode n, String where, @Nullable String currencyCode) {
    if (currencyCode == null) {
      throw new InvalidInputException(where + ": 'currency' must come before 'actions'");
    }
    try {
      JsonNode saving = n.get("monthlySaving");
      if (saving == null || !saving.isNumber()) {
        throw new InvalidInputException(where + ": 'monthlySaving' must be a number");
      }
      String tier = opt(n, "tier");
      TreeSet<String> accounts = new TreeSet<>();
      JsonNode acc = n.get("accounts");
      if (acc != null) {
        acc.forEach(a -> accounts.add(a.asText()));
      }
      String window = opt(n, "recoveryWindow");
      JsonNode ws = n.get("withSnapshots");
      return new PlannedAction(
          req(n, "resource", where),
          ResourceKind.valueOf(req(n, "kind", where)),
          Action.parse(req(n, "action", where)),
          new ActionOptions(
              tier == null ? null : StorageTier.parse(tier),
              ws == null || ws.asBoolean(),
              tags(n.get("tags")),
              opt(n, "targetRegion"),
              accounts),
          req(n, "rule", where),
          req(n, "reason", where),
          Money.of(Plan.cents(saving.decimalValue()), currencyCode),
          window == null ? null : Duration.parse(window),
          observed(n, where),
          conditions(n, where));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }

  private static SkippedAction skippedAction(JsonNode n, String where) {
    try {
      return new SkippedAction(
          req(n, "resource", where),
          ResourceKind.valueOf(req(n, "kind", where)),
          Action.parse(req(n, "action", where)),
          req(n, "rule", where),
          req(n, "reason", where));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }
}
