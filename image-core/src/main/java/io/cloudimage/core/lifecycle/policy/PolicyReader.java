package io.cloudimage.core.lifecycle.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.Document;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.lifecycle.FamilyKey;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file (YAML or JSON) into a {@link LifecyclePolicy}; every error names the file,
 * the line and the field.
 *
 * <p>It only reads, the values validate themselves; ages, sizes and amounts are parsed by {@code
 * PolicyValues}.
 */
final class PolicyReader {
  private final PolicyValues values;

  private final String source;
  private final Map<String, Integer> lines;

  private PolicyReader(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
    this.values = new PolicyValues(this::error);
  }

  static LifecyclePolicy read(byte[] bytes, String source) {
    // Strict: a repeated key, deep nesting or a huge string is refused with its line.
    Document document = StrictJson.readJsonOrYaml(bytes, source);
    JsonNode root = document.root();
    if (!root.isObject()) {
      throw new InvalidInputException(
          source + ": a policy file must be a mapping with 'name' and 'rules'");
    }
    return new PolicyReader(source, document.lines()).policy(root);
  }

  private InvalidInputException error(String path, String problem) {
    Integer line = lines.get(path);
    String at = line == null ? "" : " line " + line;
    return new InvalidInputException(source + at + ": " + path + ": " + problem);
  }

  private void onlyFields(JsonNode node, String path, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        String child = path.isEmpty() ? n : path + "." + n;
        throw error(child, "unknown field; expected one of " + String.join(", ", allowed));
      }
    }
  }

  private LifecyclePolicy policy(JsonNode root) {
    onlyFields(
        root,
        "",
        ordered(
            "name",
            "family",
            "protectNewestOfFamily",
            "sharedCountsAsInUse",
            "auditRetention",
            "rules"));
    LifecyclePolicy.Builder b = LifecyclePolicy.builder();
    b.name(text(root, "name", "name"));
    JsonNode family = root.get("family");
    if (family != null) {
      b.family(family(family, "family"));
    }
    if (root.has("protectNewestOfFamily")) {
      if (bool(root.get("protectNewestOfFamily"), "protectNewestOfFamily")) {
        b.protectNewestOfFamily();
      } else {
        b.allowActionsOnNewestOfFamily();
      }
    }
    if (root.has("sharedCountsAsInUse")) {
      if (bool(root.get("sharedCountsAsInUse"), "sharedCountsAsInUse")) {
        b.sharedCountsAsInUse();
      } else {
        b.sharedDoesNotCountAsInUse();
      }
    }
    JsonNode retention = root.get("auditRetention");
    if (retention != null) {
      onlyFields(retention, "auditRetention", ordered("imageRecords", "snapshotRecords"));
      Duration images = Duration.ofDays(60);
      Duration snapshots = Duration.ofDays(180);
      if (retention.has("imageRecords")) {
        images = values.duration(retention.get("imageRecords"), "auditRetention.imageRecords");
      }
      if (retention.has("snapshotRecords")) {
        snapshots =
            values.duration(retention.get("snapshotRecords"), "auditRetention.snapshotRecords");
      }
      b.auditRetention(images, snapshots);
    }
    JsonNode rules = root.get("rules");
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      throw error(rules == null ? "" : "rules", "'rules' must be a non-empty list of rules");
    }
    for (int i = 0; i < rules.size(); i++) {
      String path = "rules[" + i + "]";
      Rule rule = rule(rules.get(i), path);
      try {
        b.rule(rule);
      } catch (InvalidInputException e) {
        throw error(path, String.valueOf(e.getMessage()));
      }
    }
    return b.build();
  }

  private FamilyKey family(JsonNode node, String path) {
    try {
      if (node.isTextual()) {
        String t = node.asText();
        if (t.equals("field")) {
          return FamilyKey.field();
        }
        if (t.startsWith("tag:")) {
          return FamilyKey.tag(t.substring(4));
        }
        if (t.startsWith("name:")) {
          return FamilyKey.namePattern(t.substring(5));
        }
        throw error(path, "use field, tag:KEY or name:REGEX, was '" + t + "'");
      }
      if (node.isObject()) {
        onlyFields(node, path, ordered("tag", "namePattern"));
        if (node.has("tag")) {
          return FamilyKey.tag(text(node, "tag", path + ".tag"));
        }
        return FamilyKey.namePattern(text(node, "namePattern", path + ".namePattern"));
      }
    } catch (InvalidInputException e) {
      if (String.valueOf(e.getMessage()).startsWith(source)) {
        throw e;
      }
      throw error(path, String.valueOf(e.getMessage()));
    }
    throw error(path, "use field, tag:KEY or name:REGEX");
  }

  private Rule rule(JsonNode node, String path) {
    if (!node.isObject()) {
      throw error(path, "a rule must be a mapping with name, when and action");
    }
    onlyFields(
        node,
        path,
        ordered(
            "name", "when", "action", "tier", "withSnapshots", "tags", "targetRegion", "accounts"));
    String name = text(node, "name", path + ".name");
    Rule.Builder b = new Rule.Builder(name);
    JsonNode when = node.get("when");
    if (when == null || !when.isObject() || when.isEmpty()) {
      throw error(path + (when == null ? "" : ".when"), "'when' must map conditions to values");
    }
    b.when(conditions(when, path + ".when").toArray(new Condition[0]));
    String actionPath = path + ".action";
    try {
      b.then(Action.parse(text(node, "action", actionPath)));
    } catch (InvalidInputException e) {
      throw rethrow(e, actionPath);
    }
    if (node.has("tier")) {
      b.tier(tier(node.get("tier"), path + ".tier"));
    }
    if (node.has("withSnapshots")) {
      if (bool(node.get("withSnapshots"), path + ".withSnapshots")) {
        b.withSnapshots();
      } else {
        b.withoutSnapshots();
      }
    }
    if (node.has("tags")) {
      JsonNode tags = node.get("tags");
      if (!tags.isObject()) {
        throw error(path + ".tags", "must map tag keys to values");
      }
      Map<String, String> map = new LinkedHashMap<>();
      tags.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
      try {
        b.tags(Tags.of(map));
      } catch (InvalidInputException e) {
        throw rethrow(e, path + ".tags");
      }
    }
    if (node.has("targetRegion")) {
      b.targetRegion(text(node, "targetRegion", path + ".targetRegion"));
    }
    if (node.has("accounts")) {
      Set<String> accounts = new HashSet<>();
      node.get("accounts").forEach(a -> accounts.add(a.asText()));
      b.accounts(accounts);
    }
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw rethrow(e, path);
    }
  }

  /** The conditions of a mapping such as a rule's {@code when}, all of which must hold. */
  private List<Condition> conditions(JsonNode mapping, String path) {
    if (!mapping.isObject() || mapping.isEmpty()) {
      throw error(path, "must map conditions to values, such as {unusedFor: 30d}");
    }
    List<Condition> out = new ArrayList<>();
    mapping.fields().forEachRemaining(e -> out.add(condition(e.getKey(), e.getValue(), path)));
    return out;
  }

  /** One condition for a mapping: itself when it holds one, else all of them. */
  private Condition combined(JsonNode mapping, String path) {
    List<Condition> all = conditions(mapping, path);
    return all.size() == 1 ? all.get(0) : Condition.allOf(all);
  }

  /** The alternatives or parts of {@code anyOf} / {@code allOf}: a list of mappings. */
  private List<Condition> alternatives(JsonNode list, String path) {
    if (!list.isArray() || list.isEmpty()) {
      throw error(path, "must be a non-empty list of conditions, such as [{unusedFor: 30d}]");
    }
    List<Condition> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(combined(list.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private Condition condition(String key, JsonNode value, String whenPath) {
    String path = whenPath + "." + key;
    try {
      switch (key) {
        case "not":
          return Condition.not(combined(value, path));
        case "anyOf":
          return Condition.anyOf(alternatives(value, path));
        case "allOf":
          return Condition.allOf(alternatives(value, path));
        case "unusedFor":
          return Condition.unusedFor(values.duration(value, path));
        case "notAccessedFor":
          return Condition.notAccessedFor(values.duration(value, path));
        case "olderThan":
          return Condition.olderThan(values.duration(value, path));
        case "deprecatedFor":
          return Condition.deprecatedFor(values.duration(value, path));
        case "moreThanInFamily":
          if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(path, "must be a whole number (how many newest to keep)");
          }
          return Condition.moreThanInFamily(value.asInt());
        case "tierIs":
          return Condition.tierIs(tier(value, path));
        case "tag":
          if (!value.isObject() || !value.has("key")) {
            throw error(path, "must be {key: K, matches: REGEX}");
          }
          onlyFields(value, path, ordered("key", "matches"));
          return Condition.tagMatches(
              text(value, "key", path + ".key"),
              value.has("matches") ? value.get("matches").asText() : ".*");
        case "sizeAbove":
          return Condition.sizeAbove(values.size(value, path));
        case "shared":
          return bool(value, path) ? Condition.shared() : Condition.notShared();
        case "monthlyCostAbove":
          return Condition.monthlyCostAbove(values.money(value, path));
        default:
          throw error(
              path,
              "unknown condition; use unusedFor, notAccessedFor, olderThan, deprecatedFor,"
                  + " moreThanInFamily, tierIs, tag, sizeAbove, shared, monthlyCostAbove, not,"
                  + " anyOf or allOf");
      }
    } catch (InvalidInputException e) {
      throw rethrow(e, path);
    }
  }

  private InvalidInputException rethrow(InvalidInputException e, String path) {
    if (String.valueOf(e.getMessage()).startsWith(source)) {
      return e;
    }
    return error(path, String.valueOf(e.getMessage()));
  }

  private String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw error(path, "is required");
    }
    return v.asText();
  }

  private boolean bool(JsonNode v, String path) {
    if (!v.isBoolean()) {
      throw error(path, "must be true or false");
    }
    return v.asBoolean();
  }

  private StorageTier tier(JsonNode v, String path) {
    try {
      return StorageTier.parse(v.asText());
    } catch (InvalidInputException e) {
      throw rethrow(e, path);
    }
  }

  private static Set<String> ordered(String... names) {
    return new java.util.LinkedHashSet<>(List.of(names));
  }
}
