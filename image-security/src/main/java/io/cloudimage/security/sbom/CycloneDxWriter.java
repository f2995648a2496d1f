package io.cloudimage.security.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes an SBOM as CycloneDX 1.6 JSON. Each installed binary package is one {@code library}
 * component; its source package, architecture and install time are properties in the {@code
 * cloudimage:} namespace, never components of their own. The operating system is the metadata's
 * {@code operating-system} component.
 */
final class CycloneDxWriter {
  /** The property names this writer uses and {@link CycloneDxReader} reads back. */
  public static final String SOURCE = "cloudimage:source:name";

  public static final String SOURCE_VERSION = "cloudimage:source:version";
  public static final String ARCH = "cloudimage:architecture";
  public static final String INSTALLED = "cloudimage:installed";
  public static final String OS_FIELD = "cloudimage:os-release:";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern PERSON = Pattern.compile("\\s*(.*?)\\s*<([^>]+)>\\s*");

  private CycloneDxWriter() {}

  /** The document. */
  public static String write(Sbom sbom) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(text).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("bomFormat", "CycloneDX");
      g.writeStringField("specVersion", "1.6");
      g.writeStringField("serialNumber", "urn:uuid:" + serial(sbom));
      g.writeNumberField("version", 1);
      g.writeObjectFieldStart("metadata");
      g.writeStringField("timestamp", sbom.created().toString());
      g.writeObjectFieldStart("tools");
      g.writeArrayFieldStart("components");
      g.writeStartObject();
      g.writeStringField("type", "application");
      g.writeStringField("name", "cloudimage");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("component");
      os(g, sbom);
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("components");
      Set<String> refs = new HashSet<>();
      for (Component c : sbom.components()) {
        component(g, c, refs);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** Same SBOM, same serial number: the document is reproducible. */
  private static UUID serial(Sbom sbom) {
    StringBuilder seed = new StringBuilder(sbom.subject()).append(sbom.created());
    for (Component c : sbom.components()) {
      seed.append(c.purl());
    }
    return UUID.nameUUIDFromBytes(seed.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void os(JsonGenerator g, Sbom sbom) throws IOException {
    OsRelease os = sbom.os();
    g.writeStringField("type", "operating-system");
    g.writeStringField("bom-ref", "os");
    String id = os.id();
    g.writeStringField("name", id == null ? sbom.subject() : id);
    String v = os.versionId();
    if (v != null) {
      g.writeStringField("version", v);
    }
    String pretty = os.prettyName();
    if (pretty != null) {
      g.writeStringField("description", pretty);
    }
    if (!os.osRelease().isEmpty() || !os.lsbRelease().isEmpty()) {
      g.writeArrayFieldStart("properties");
      for (var e : os.osRelease().entrySet()) {
        property(g, OS_FIELD + e.getKey(), e.getValue());
      }
      for (var e : os.lsbRelease().entrySet()) {
        property(g, "cloudimage:lsb-release:" + e.getKey(), e.getValue());
      }
      g.writeEndArray();
    }
  }

  private static void component(JsonGenerator g, Component c, Set<String> refs) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "library");
    String ref = c.purl().toString();
    for (int n = 2; !refs.add(ref); n++) {
      ref = c.purl() + "#" + n;
    }
    g.writeStringField("bom-ref", ref);
    String supplier = c.supplier();
    if (supplier != null && !supplier.isBlank()) {
      g.writeObjectFieldStart("supplier");
      Matcher m = PERSON.matcher(supplier);
      if (m.matches() && !m.group(1).isEmpty()) {
        g.writeStringField("name", m.group(1));
        g.writeArrayFieldStart("contact");
        g.writeStartObject();
        g.writeStringField("email", m.group(2));
        g.writeEndObject();
        g.writeEndArray();
      } else {
        g.writeStringField("name", supplier);
      }
      g.writeEndObject();
    }
    g.writeStringField("name", c.name());
    g.writeStringField("version", c.version());
    if (!c.licenses().isEmpty()) {
      g.writeArrayFieldStart("licenses");
      for (String l : c.licenses()) {
        g.writeStartObject();
        g.writeObjectFieldStart("license");
        g.writeStringField("name", l);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeStringField("purl", c.purl().toString());
    g.writeArrayFieldStart("properties");
    if (!c.architecture().isEmpty()) {
      property(g, ARCH, c.architecture());
    }
    property(g, SOURCE, c.sourceName());
    property(g, SOURCE_VERSION, c.sourceVersion());
    property(g, INSTALLED, c.installed() == null ? null : String.valueOf(c.installed()));
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void property(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value == null) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("value", value);
    g.writeEndObject();
  }
}
