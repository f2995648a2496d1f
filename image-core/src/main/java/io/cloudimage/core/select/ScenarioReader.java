package io.cloudimage.core.select;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a scenario file (YAML or JSON) into a {@link Scenario}. Strict: repeated keys, unknown
 * fields, wrong types and values out of range are refused, each error naming the file, the line and
 * the field. A scenario is a few lines, so the file, its nesting and its strings are bounded.
 */
final class ScenarioReader {
  /** Larger than any honest scenario file by far. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Pattern BUDGET =
      Pattern.compile("(\\d{1,10}(?:\\.\\d{1,6})?)\\s+([A-Z]{3})");
  private static final List<String> FIELDS =
      List.of(
          "name",
          "extends",
          "budget",
          "hoursPerMonth",
          "pricing",
          "instanceTypes",
          "acceptedKinds",
          "preferredKind",
          "needsGpu",
          "storage",
          "packageHints",
          "weights");

  private final String source;
  private final Map<String, Integer> lines;

  private ScenarioReader(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
  }

  static Scenario read(Path file, @Nullable InstanceCatalog instances) {
    byte[] bytes = bytes(file);
    String source = file.toString();
    JsonFactory factory = factory(looksLikeJson(bytes, source));
    Map<String, Integer> lines = new HashMap<>();
    JsonNode root;
    try {
      root = new ObjectMapper(factory).readTree(bytes);
      try (JsonParser p = factory.createParser(bytes)) {
        if (p.nextToken() != null) {
          locate(p, "", lines);
        }
      }
    } catch (JsonProcessingException e) {
      // limits (nesting, string length) are reported without a location
      String at = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
      throw new InvalidInputException(
          source + at + ": not a valid scenario file: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(
          source
              + ": a scenario file must be a mapping with at least name, budget and"
              + " instanceTypes (docs/selection.md shows one)");
    }
    ScenarioReader reader = new ScenarioReader(source, lines);
    Scenario scenario = reader.scenario(root);
    if (instances != null) {
      reader.knownInstanceTypes(scenario, instances);
    }
    return scenario;
  }

  private static byte[] bytes(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new InvalidInputException(
            file + ": larger than " + MAX_FILE_BYTES / 1024 + " KiB; is it a scenario file?");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static JsonFactory factory(boolean json) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(16)
            .maxStringLength(4096)
            .maxNumberLength(64)
            .build();
    JsonFactory f =
        json
            ? JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(limits)
                .build()
            : YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(limits)
                .build();
    return f;
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

  /**
   * Records the line of every value by its path ({@code storage.tier}, {@code instanceTypes[1]}).
   */
  private static void locate(JsonParser p, String path, Map<String, Integer> lines)
      throws IOException {
    lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
        lines.put(child, p.currentTokenLocation().getLineNr());
        p.nextToken();
        locate(p, child, lines);
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
    return new InvalidInputException(
        source + at + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }

  /** Runs a step that may refuse a value, placing its complaint at {@code path}. */
  private <T> T at(String path, Supplier<T> step) {
    try {
      return step.get();
    } catch (InvalidInputException e) {
      throw error(path, String.valueOf(e.getMessage()).replace("Scenario.", ""));
    }
  }

  private Scenario scenario(JsonNode root) {
    onlyFields(root, "", FIELDS);
    for (String required : List.of("name", "budget", "instanceTypes")) {
      if (!root.has(required)) {
        throw error(
            "",
            "'" + required + "' is required; a scenario needs name, budget and" + " instanceTypes");
      }
    }
    Scenario.Builder b = Scenario.builder();
    JsonNode base = root.get("extends");
    if (base != null) {
      String preset = text(base, "extends");
      Scenario from = at("extends", () -> Scenario.preset(preset));
      b.weights(from.weights())
          .acceptedKinds(from.acceptedKinds())
          .preferredKind(from.preferredKind())
          .storage(from.storage())
          .gpu(from.gpu())
          .hoursPerMonth(from.hoursPerMonth())
          .pricing(from.pricing())
          .packageHints(from.packageHints());
    }
    String name = text(root.get("name"), "name");
    at("name", () -> b.name(name));
    Money budget = budget(root.get("budget"));
    at("budget", () -> b.monthlyBudget(budget));
    JsonNode hours = root.get("hoursPerMonth");
    if (hours != null) {
      double h = number(hours, "hoursPerMonth");
      at("hoursPerMonth", () -> b.hoursPerMonth(h));
    }
    JsonNode pricing = root.get("pricing");
    if (pricing != null) {
      String p = text(pricing, "pricing").toLowerCase(Locale.ROOT);
      switch (p) {
        case "on-demand":
        case "on_demand":
          b.pricing(PricingModel.ON_DEMAND);
          break;
        case "reserved":
          b.pricing(PricingModel.RESERVED);
          break;
        default:
          throw error("pricing", "use on-demand or reserved, was '" + p + "'");
      }
    }
    List<String> types = texts(root.get("instanceTypes"), "instanceTypes");
    at("instanceTypes", () -> b.instanceTypes(types));
    JsonNode kinds = root.get("acceptedKinds");
    if (kinds != null) {
      List<ImageFlavour> accepted = new ArrayList<>();
      List<String> names = texts(kinds, "acceptedKinds");
      for (int i = 0; i < names.size(); i++) {
        String k = names.get(i);
        String path = "acceptedKinds[" + i + "]";
        accepted.add(at(path, () -> kind(k)));
      }
      b.acceptedKinds(accepted);
    }
    JsonNode preferred = root.get("preferredKind");
    if (preferred != null) {
      String k = text(preferred, "preferredKind");
      at("preferredKind", () -> b.preferredKind(kind(k)));
    }
    JsonNode gpu = root.get("needsGpu");
    if (gpu != null) {
      if (!gpu.isBoolean()) {
        throw error("needsGpu", "must be true or false, was " + gpu);
      }
      b.gpu(gpu.booleanValue() ? GpuRequirement.REQUIRED : GpuRequirement.NOT_REQUIRED);
    }
    JsonNode storage = root.get("storage");
    if (storage != null) {
      b.storage(storage(storage));
    }
    JsonNode hints = root.get("packageHints");
    if (hints != null) {
      List<String> h = texts(hints, "packageHints");
      at("packageHints", () -> b.packageHints(h));
    }
    JsonNode weights = root.get("weights");
    if (weights != null) {
      b.weights(weights(weights));
    }
    String problemAt = preferred != null ? "preferredKind" : kinds != null ? "acceptedKinds" : "";
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw error(problemAt, String.valueOf(e.getMessage()).replace("Scenario.", ""));
    }
  }

  private void knownInstanceTypes(Scenario scenario, InstanceCatalog instances) {
    List<String> types = scenario.instanceTypes();
    for (int i = 0; i < types.size(); i++) {
      if (instances.find(types.get(i)).isEmpty()) {
        throw error(
            "instanceTypes[" + i + "]",
            "unknown instance type '"
                + types.get(i)
                + "'; the instance catalog knows "
                + String.join(
                    ", ", instances.types().stream().map(t -> t.name()).distinct().toList()));
      }
    }
  }

  private static ImageFlavour kind(String text) {
    try {
      return ImageFlavour.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown image kind '" + text + "'; use minimal, standard, full or gpu", e);
    }
  }

  private Money budget(JsonNode node) {
    String text = node.isNumber() ? node.asText() : text(node, "budget");
    Matcher m = BUDGET.matcher(text.trim());
    if (!m.matches()) {
      throw error(
          "budget",
          "write the monthly budget per node as AMOUNT CURRENCY, such as '80 USD', was '"
              + text
              + "'");
    }
    return at("budget", () -> Money.of(m.group(1), m.group(2)));
  }

  private StorageChoice storage(JsonNode node) {
    if (!node.isObject()) {
      throw error(
          "storage",
          "must be a mapping with tier and strategy, such as"
              + " {tier: warm, strategy: snapshots}");
    }
    onlyFields(node, "storage", List.of("tier", "strategy"));
    if (!node.has("tier") || !node.has("strategy")) {
      throw error("storage", "needs both tier and strategy");
    }
    String tier = text(node.get("tier"), "storage.tier");
    String strategy = text(node.get("strategy"), "storage.strategy");
    return new StorageChoice(
        at("storage.tier", () -> StorageTier.parse(tier)),
        at("storage.strategy", () -> StorageStrategy.parse(strategy)));
  }

  private Weights weights(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      names.add(d.id());
    }
    if (!node.isObject()) {
      throw error("weights", "must be a mapping of " + String.join(", ", names) + " to numbers");
    }
    onlyFields(node, "weights", names);
    double[] w = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String path = "weights." + names.get(i);
      JsonNode v = node.get(names.get(i));
      if (v == null) {
        throw error(
            "weights",
            "give all five weights ("
                + String.join(", ", names)
                + "); "
                + names.get(i)
                + " is missing (0 leaves a dimension out)");
      }
      w[i] = number(v, path);
    }
    return at("weights", () -> new Weights(w[0], w[1], w[2], w[3], w[4]));
  }

  private void onlyFields(JsonNode node, String path, List<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw error(
            path.isEmpty() ? n : path + "." + n,
            "unknown field; expected one of " + String.join(", ", allowed));
      }
    }
  }

  private String text(JsonNode node, String path) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw error(path, "must be a non-empty text, was " + node);
    }
    return node.asText();
  }

  private double number(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw error(path, "must be a number, was " + node);
    }
    return node.doubleValue();
  }

  private List<String> texts(JsonNode node, String path) {
    if (!node.isArray()) {
      throw error(path, "must be a list, such as [c7g.large, t4g.micro], was " + node);
    }
    List<String> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(text(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }
}
