package io.cloudimage.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.Document;
import io.cloudimage.core.json.internal.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads a replication plan file strictly; every error names the file, the line and the field. */
final class PlanReader {
  private static final Set<String> TOP = Set.of("source", "images", "destinations", "concurrency");
  private static final Set<String> LOCATION = Set.of("provider", "region", "account", "home");
  private static final int MAX_CONCURRENCY = 64;

  private final String source;
  private final Document document;
  private final Path baseDir;

  private PlanReader(String source, Document document, Path baseDir) {
    this.source = source;
    this.document = document;
    this.baseDir = baseDir;
  }

  static ReplicationPlan read(byte[] bytes, String source, Path baseDir) {
    Document document = StrictJson.readJsonOrYaml(bytes, source);
    return new PlanReader(source, document, baseDir).plan();
  }

  private InvalidInputException error(String path, String problem) {
    int line = document.line(path);
    return new InvalidInputException(
        source
            + (line > 0 ? " line " + line : "")
            + ": "
            + (path.isEmpty() ? "" : path + ": ")
            + problem);
  }

  private void onlyFields(JsonNode node, String path, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw error(
            path.isEmpty() ? n : path + "." + n,
            "unknown field; expected one of "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private ReplicationPlan plan() {
    JsonNode root = document.root();
    if (!root.isObject()) {
      throw error("", "a replication plan must be a mapping with source, images and destinations");
    }
    onlyFields(root, "", TOP);
    JsonNode src = root.get("source");
    if (src == null) {
      throw error("", "'source' is missing: the provider and home or region the images are in");
    }
    Location from = location(src, "source", null);
    JsonNode imgs = root.get("images");
    if (imgs == null || !imgs.isArray() || imgs.isEmpty()) {
      throw error(imgs == null ? "" : "images", "'images' must be a non-empty list of image ids");
    }
    List<String> images = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    Map<String, String> seenImages = new HashMap<>();
    for (int i = 0; i < imgs.size(); i++) {
      String path = "images[" + i + "]";
      JsonNode n = imgs.get(i);
      if (!n.isTextual() || n.asText().isBlank()) {
        throw error(path, "an image id must be a non-empty string");
      }
      String id = n.asText();
      String before = seenImages.putIfAbsent(id, path);
      if (before != null) {
        throw error(path, "image '" + id + "' is listed twice (also " + at(before) + ")");
      }
      images.add(id);
      lines.add(document.line(path));
    }
    JsonNode dests = root.get("destinations");
    if (dests == null || !dests.isArray() || dests.isEmpty()) {
      throw error(
          dests == null ? "" : "destinations",
          "'destinations' must be a non-empty list of homes or regions");
    }
    List<Location> destinations = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < dests.size(); i++) {
      String path = "destinations[" + i + "]";
      Location d = location(dests.get(i), path, from.provider());
      if (!d.provider().equals(from.provider())) {
        throw error(
            path,
            "destination provider "
                + d.provider()
                + " is not the source's ("
                + from.provider()
                + "): replication copies within one provider");
      }
      if (same(d, from)) {
        throw error(path, "destination " + d.label() + " is the source itself");
      }
      String before = seen.putIfAbsent(key(d), path);
      if (before != null) {
        throw error(path, "duplicate destination " + d.label() + " (also " + at(before) + ")");
      }
      destinations.add(d);
    }
    int concurrency = 2;
    JsonNode c = root.get("concurrency");
    if (c != null) {
      if (!c.canConvertToInt()
          || !c.isIntegralNumber()
          || c.asInt() < 1
          || c.asInt() > MAX_CONCURRENCY) {
        throw error("concurrency", "must be a whole number from 1 to " + MAX_CONCURRENCY);
      }
      concurrency = c.asInt();
    }
    return new ReplicationPlan(source, from, images, lines, destinations, concurrency);
  }

  private String at(String path) {
    int line = document.line(path);
    return line > 0 ? path + ", line " + line : path;
  }

  private Location location(JsonNode node, String path, @Nullable String defaultProvider) {
    if (!node.isObject()) {
      throw error(path, "must be a mapping with provider and home (local) or region (clouds)");
    }
    onlyFields(node, path, LOCATION);
    String provider = text(node, path, "provider");
    if (provider == null) {
      if (defaultProvider == null) {
        throw error(path, "'provider' is missing: local, aws or aliyun");
      }
      provider = defaultProvider;
    }
    String region = text(node, path, "region");
    String account = text(node, path, "account");
    String home = text(node, path, "home");
    if (provider.equals(Location.LOCAL)) {
      if (home == null) {
        throw error(path, "a local location needs 'home', the home folder");
      }
      if (region != null || account != null) {
        throw error(path, "a local location has a home, not a region or an account");
      }
      return Location.localHome(baseDir.resolve(home));
    }
    if (home != null) {
      throw error(path + ".home", "only the local provider has a home; use region (and account)");
    }
    if (region == null) {
      throw error(path, "a " + provider + " location needs 'region'");
    }
    return new Location(provider, region, account, null);
  }

  private @Nullable String text(JsonNode node, String path, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw error(path + "." + field, "must be a non-empty string");
    }
    return v.asText();
  }

  /** The same place: same provider and home (links followed when it exists), or region+account. */
  static boolean same(Location a, Location b) {
    return key(a).equals(key(b));
  }

  private static String key(Location l) {
    if (l.isLocal()) {
      Path home = l.requireHome();
      try {
        home = home.toRealPath();
      } catch (java.io.IOException e) {
        // Not there yet: the normalised absolute path is the best name it has.
      }
      return Location.LOCAL + ":" + home;
    }
    return l.provider() + ":" + l.region() + "/" + (l.account() == null ? "" : l.account());
  }

  /** Checks a plan built in code as a file would be checked. */
  static ReplicationPlan check(ReplicationPlan plan) {
    if (plan.images().isEmpty() || plan.destinations().isEmpty()) {
      throw new InvalidInputException("a replication plan needs images and destinations");
    }
    if (plan.concurrency() < 1 || plan.concurrency() > MAX_CONCURRENCY) {
      throw new InvalidInputException("concurrency must be from 1 to " + MAX_CONCURRENCY);
    }
    Set<String> seen = new java.util.HashSet<>();
    for (Location d : plan.destinations()) {
      if (same(d, plan.source())) {
        throw new InvalidInputException("destination " + d.label() + " is the source itself");
      }
      if (!seen.add(key(d))) {
        throw new InvalidInputException("duplicate destination " + d.label());
      }
    }
    if (new java.util.HashSet<>(plan.images()).size() != plan.images().size()) {
      throw new InvalidInputException("an image is listed twice in the plan");
    }
    return plan;
  }
}
