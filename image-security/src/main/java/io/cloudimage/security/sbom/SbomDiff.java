package io.cloudimage.security.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two SBOMs: packages added, removed, and those whose version changed, matched
 * by {@link Component#key()} (ecosystem, name, architecture) and ordered by each ecosystem's own
 * version rules, so {@code 1.0~rc1} to {@code 1.0} is an upgrade for Debian.
 *
 * @param added packages only in the new SBOM
 * @param removed packages only in the old SBOM
 * @param changed packages in both with another version
 */
public record SbomDiff(List<Entry> added, List<Entry> removed, List<Change> changed) {
  private static final JsonFactory JSON = new JsonFactory();

  public SbomDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /**
   * A package present on one side only.
   *
   * @param name the package name
   * @param version its version
   * @param key its {@link Component#key()}
   */
  public record Entry(String name, String version, String key) {}

  /**
   * A package whose version changed.
   *
   * @param name the package name
   * @param from the old version
   * @param to the new version
   * @param key its {@link Component#key()}
   * @param upgrade whether {@code to} is newer than {@code from} by the ecosystem's ordering
   */
  public record Change(String name, String from, String to, String key, boolean upgrade) {}

  /** The differences from {@code older} to {@code newer}. */
  public static SbomDiff between(Sbom older, Sbom newer) {
    Map<String, Component> before = index(older);
    Map<String, Component> after = index(newer);
    List<Entry> added = new ArrayList<>();
    List<Entry> removed = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    for (Component n : after.values()) {
      Component o = before.get(n.key());
      if (o == null) {
        added.add(new Entry(n.name(), n.version(), n.key()));
      } else if (!o.version().equals(n.version())) {
        int c = n.ecosystem().ordering().compare(o.version(), n.version());
        changed.add(new Change(n.name(), o.version(), n.version(), n.key(), c < 0));
      }
    }
    for (Component o : before.values()) {
      if (!after.containsKey(o.key())) {
        removed.add(new Entry(o.name(), o.version(), o.key()));
      }
    }
    return new SbomDiff(added, removed, changed);
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /**
   * The command line's JSON: {@code {"added":[{"name","version"}],"removed":[...],
   * "changed":[{"name","from","to","upgrade"}]}}, each entry also with its {@code key}.
   */
  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      entries(g, "added", added);
      entries(g, "removed", removed);
      g.writeArrayFieldStart("changed");
      for (Change c : changed) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("from", c.from());
        g.writeStringField("to", c.to());
        g.writeBooleanField("upgrade", c.upgrade());
        g.writeStringField("key", c.key());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void entries(JsonGenerator g, String field, List<Entry> entries)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Entry e : entries) {
      g.writeStartObject();
      g.writeStringField("name", e.name());
      g.writeStringField("version", e.version());
      g.writeStringField("key", e.key());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static Map<String, Component> index(Sbom sbom) {
    Map<String, Component> out = new LinkedHashMap<>();
    for (Component c : sbom.components()) {
      out.put(c.key(), c);
    }
    return out;
  }
}
