package io.cloudimage.core.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Money;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a policy file (YAML or JSON) into a {@link LifecyclePolicy}; every error names the file,
 * the line and the field.
 */
final class PolicyReader {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([dhms])");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?");

  private final String source;
  private final Map<String, Integer> lines;

  private PolicyReader(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
  }

  static LifecyclePolicy read(byte[] bytes, String source) {
    JsonFactory factory = looksLikeJson(bytes, source) ? new JsonFactory() : new YAMLFactory();
    ObjectMapper mapper = new ObjectMapper(factory);
    JsonNode root;
    Map<String, Integer> lines = new HashMap<>();
    try {
      root = mapper.readTree(bytes);
      try (JsonParser p = factory.createParser(bytes)) {
        if (p.nextToken() != null) {
          locate(p, "", lines);
        }
      }
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          source
              + " line "
              + e.getLocation().getLineNr()
              + ": not a valid policy file: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(
          source + ": a policy file must be a mapping with 'name' and 'rules'");
    }
    return new PolicyReader(source, lines).policy(root);
  }

  private static boolean looksLikeJson(byte[] bytes, String source) {
    if (source.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return true;
    }
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  /** Records the line of every value by its path ({@code rules[1].when.unusedFor}). */
  private static void locate(JsonParser p, String path, Map<String, Integer> lines)
      throws IOException {
    lines.put(path, p.currentTokenLocation().getLineNr());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        String child = path.isEmpty() ? field : path + "." + field;
        lines.put(child, p.currentTokenLocation().getLineNr());
        p.nextToken();
        locate(p, child, lines);
        lines.put(child, Math.min(lines.get(child), p.currentTokenLocation().getLineNr()));
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        locate(p, path + "[" + i++ + "]", lines);
      }
    }
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
      b.protectNewestOfFamily(bool(root.get("protectNewestOfFamily"), "protectNewestOfFamily"));
    }
    if (root.has("sharedCountsAsInUse")) {
      b.sharedCountsAsInUse(bool(root.get("sharedCountsAsInUse"), "sharedCountsAsInUse"));
    }
    JsonNode retention = root.get("auditRetention");
    if (retention != null) {
      onlyFields(retention, "auditRetention", ordered("imageRecords", "snapshotRecords"));
      Duration images = Duration.ofDays(60);
      Duration snapshots = Duration.ofDays(180);
      if (retention.has("imageRecords")) {
        images = duration(retention.get("imageRecords"), "auditRetention.imageRecords");
      }
      if (retention.has("snapshotRecords")) {
        snapshots = duration(retention.get("snapshotRecords"), "auditRetention.snapshotRecords");
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
    when.fields()
        .forEachRemaining(e -> b.when(condition(e.getKey(), e.getValue(), path + ".when")));
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
      b.withSnapshots(bool(node.get("withSnapshots"), path + ".withSnapshots"));
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

  private Condition condition(String key, JsonNode value, String whenPath) {
    String path = whenPath + "." + key;
    try {
      switch (key) {
        case "unusedFor":
          return Condition.unusedFor(duration(value, path));
        case "notAccessedFor":
          return Condition.notAccessedFor(duration(value, path));
        case "olderThan":
          return Condition.olderThan(duration(value, path));
        case "deprecatedFor":
          return Condition.deprecatedFor(duration(value, path));
        case "moreThanInFamily":
          if (!value.canConvertToInt()) {
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
          return Condition.sizeAbove(size(value, path));
        case "shared":
          return Condition.shared(bool(value, path));
        case "monthlyCostAbove":
          return Condition.monthlyCostAbove(money(value, path));
        default:
          throw error(
              path,
              "unknown condition; use unusedFor, notAccessedFor, olderThan, deprecatedFor,"
                  + " moreThanInFamily, tierIs, tag, sizeAbove, shared or monthlyCostAbove");
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

  /** {@code 30d}, {@code 12h}, {@code 45m}, {@code 10s}, or ISO-8601 such as {@code P30D}. */
  private Duration duration(JsonNode v, String path) {
    String t = v.asText().trim();
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "d":
          return Duration.ofDays(n);
        case "h":
          return Duration.ofHours(n);
        case "m":
          return Duration.ofMinutes(n);
        default:
          return Duration.ofSeconds(n);
      }
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw error(path, "'" + t + "' is not a duration; write 30d, 12h or ISO-8601 such as P30D");
    }
  }

  private long size(JsonNode v, String path) {
    if (v.canConvertToLong()) {
      return v.asLong();
    }
    Matcher m = SIZE.matcher(v.asText().trim());
    if (!m.matches()) {
      throw error(path, "'" + v.asText() + "' is not a size; write bytes or 10GiB");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift = List.of("B", "KiB", "MiB", "GiB", "TiB").indexOf(unit) * 10;
    return n << shift;
  }

  private Money money(JsonNode v, String path) {
    String[] parts = v.asText().trim().split("\\s+");
    if (parts.length != 2) {
      throw error(path, "write an amount and a currency, such as '100 USD'");
    }
    try {
      return Money.of(new BigDecimal(parts[0]), parts[1]);
    } catch (NumberFormatException e) {
      throw error(path, "'" + parts[0] + "' is not a number");
    }
  }

  private static Set<String> ordered(String... names) {
    return new java.util.LinkedHashSet<>(List.of(names));
  }
}
