package io.cloudimage.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.EntryReader;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.pricing.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instance types recommendations choose from, read from a versioned data file.
 *
 * <p>The file format ({@code instance-types.json} in this package is the shipped one); every field
 * is required except {@code gpu}, and a missing field or a negative price is refused with an {@link
 * InvalidInputException} naming the entry and the field:
 *
 * <pre>{@code
 * {"format": "cloudimage-instance-types", "version": 1, "asOf": "2026-11-20",
 *  "types": [{"provider": "aws", "name": "g4dn.xlarge", "region": "us-east-1",
 *    "vcpus": 4, "memoryGib": 16, "architecture": "x86_64",
 *    "cpuFeatures": ["avx2", "avx512f"], "gpu": {"model": "NVIDIA T4", "count": 1},
 *    "currency": "USD", "onDemandPerHour": 0.526, "reservedPerHour": 0.331,
 *    "source": "https://aws.amazon.com/ec2/pricing/on-demand/", "asOf": "2026-11-20"}]}
 * }</pre>
 */
public final class InstanceCatalog {
  static final String FORMAT = "cloudimage-instance-types";
  private static final String DEFAULTS = "instance-types.json";

  private final Map<String, InstanceType> byKey;

  private InstanceCatalog(List<InstanceType> types) {
    Map<String, InstanceType> map = new LinkedHashMap<>();
    for (InstanceType t : types) {
      map.put(t.provider() + "/" + t.name(), t);
    }
    this.byKey = map;
  }

  /** The shipped catalog: AWS (us-east-1, USD) and Alibaba Cloud (cn-hangzhou, CNY). */
  public static InstanceCatalog defaults() {
    try (InputStream in = InstanceCatalog.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the image-core jar");
      }
      return parse(StrictJson.readJson(in, DEFAULTS).root(), DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an instance catalog of the user's own.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException naming the file, the entry and the field that is wrong
   */
  public static InstanceCatalog load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(StrictJson.readJson(in, file.toString()).root(), file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("instance catalog " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(
          file + ": not a readable JSON instance catalog: " + e.getMessage(), e);
    }
  }

  /**
   * Parses an instance catalog from JSON text; {@code where} names it in errors.
   *
   * @throws InvalidInputException naming the entry and the field that is wrong
   */
  public static InstanceCatalog parse(String json, String where) {
    return parse(
        StrictJson.readJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), where).root(),
        where);
  }

  /** A catalog of the given types. */
  public static InstanceCatalog of(List<InstanceType> types) {
    return new InstanceCatalog(types);
  }

  private static InstanceCatalog parse(JsonNode root, String file) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(
          file + ": 'format' must be \"" + FORMAT + "\", was " + root.path("format"));
    }
    JsonNode list = root.path("types");
    if (!list.isArray()) {
      throw new InvalidInputException(file + ": 'types' must be an array");
    }
    List<InstanceType> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode n : list) {
      String label = n.path("provider").asText("?") + "/" + n.path("name").asText("?");
      EntryReader r = new EntryReader(n, file + " types[" + i + "] (" + label + ")");
      InstanceType t = read(r);
      if (!seen.add(t.provider() + "/" + t.name())) {
        throw new InvalidInputException(r.where() + ": duplicate instance type " + t);
      }
      out.add(t);
      i++;
    }
    return new InstanceCatalog(out);
  }

  private static InstanceType read(EntryReader r) {
    try {
      String currency = r.text("currency");
      Set<String> features = new HashSet<>();
      JsonNode f = r.node().get("cpuFeatures");
      if (f == null || !f.isArray()) {
        throw new InvalidInputException(
            r.where() + ": field 'cpuFeatures' is missing; give an array, [] when none");
      }
      f.forEach(x -> features.add(x.asText()));
      Gpu gpu = null;
      JsonNode g = r.node().get("gpu");
      if (g != null && !g.isNull()) {
        EntryReader gr = new EntryReader(g, r.where() + " gpu");
        gpu = new Gpu(gr.text("model"), gr.positiveInt("count"));
      }
      return new InstanceType(
          r.text("provider"),
          r.text("name"),
          r.text("region"),
          r.positiveInt("vcpus"),
          r.nonNegative("memoryGib"),
          Architecture.parse(r.text("architecture")),
          features,
          gpu,
          Money.of(r.nonNegative("onDemandPerHour"), currency),
          Money.of(r.nonNegative("reservedPerHour"), currency),
          r.text("source"),
          r.date("asOf"));
    } catch (InvalidInputException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(r.where())) {
        throw e;
      }
      throw new InvalidInputException(r.where() + ": " + e.getMessage(), e);
    }
  }

  /** The type of that provider and name. */
  public Optional<InstanceType> find(String provider, String name) {
    return Optional.ofNullable(byKey.get(provider + "/" + name));
  }

  /** The type of that name on any provider (names do not collide between AWS and Alibaba Cloud). */
  public Optional<InstanceType> find(String name) {
    return byKey.values().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Every type, in file order. */
  public List<InstanceType> types() {
    return List.copyOf(byKey.values());
  }

  /** The types of one provider, in file order. */
  public List<InstanceType> types(String provider) {
    return byKey.values().stream().filter(t -> t.provider().equals(provider)).toList();
  }

  /** The types of one provider and architecture, in file order. */
  public List<InstanceType> types(String provider, Architecture architecture) {
    return byKey.values().stream()
        .filter(t -> t.provider().equals(provider) && t.architecture() == architecture)
        .toList();
  }
}
