package io.cloudimage.security.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an SBOM as SPDX 2.3 JSON: one package for the operating system, one per installed binary
 * package, the document {@code DESCRIBES} the OS and the OS {@code CONTAINS} each package. Debian
 * licence short names are not SPDX identifiers, so every stated licence becomes a {@code
 * LicenseRef-} with its name in {@code hasExtractedLicensingInfos}; the source package goes in
 * {@code sourceInfo}.
 */
final class SpdxWriter {
  /** How {@code sourceInfo} names the source package; {@link SpdxReader} reads it back. */
  static final String SOURCE_PREFIX = "built from source package ";

  private static final JsonFactory FACTORY = new JsonFactory();

  private SpdxWriter() {}

  /** The document. */
  public static String write(Sbom sbom) {
    Map<String, String> licenseRefs = new LinkedHashMap<>();
    for (Component c : sbom.components()) {
      for (String l : c.licenses()) {
        licenseRefs.computeIfAbsent(l, SpdxWriter::licenseRef);
      }
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(text).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("spdxVersion", "SPDX-2.3");
      g.writeStringField("dataLicense", "CC0-1.0");
      g.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
      g.writeStringField("name", sbom.subject());
      g.writeStringField(
          "documentNamespace",
          "https://cloudimage.io/spdx/" + ref(sbom.subject()) + "-" + serial(sbom));
      g.writeObjectFieldStart("creationInfo");
      g.writeStringField("created", sbom.created().truncatedTo(ChronoUnit.SECONDS).toString());
      g.writeArrayFieldStart("creators");
      g.writeString("Tool: cloudimage");
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("packages");
      OsRelease os = sbom.os();
      g.writeStartObject();
      g.writeStringField("SPDXID", "SPDXRef-OperatingSystem");
      String id = os.id();
      g.writeStringField("name", id == null ? sbom.subject() : id);
      String v = os.versionId();
      if (v != null) {
        g.writeStringField("versionInfo", v);
      }
      noAssertions(g);
      g.writeStringField("primaryPackagePurpose", "OPERATING-SYSTEM");
      g.writeEndObject();
      List<String> ids = new ArrayList<>();
      int n = 0;
      for (Component c : sbom.components()) {
        String spdxId = "SPDXRef-Package-" + (++n) + "-" + ref(c.name());
        ids.add(spdxId);
        g.writeStartObject();
        g.writeStringField("SPDXID", spdxId);
        g.writeStringField("name", c.name());
        g.writeStringField("versionInfo", c.version());
        String supplier = c.supplier();
        g.writeStringField(
            "supplier", supplier == null ? "NOASSERTION" : "Organization: " + supplier);
        g.writeStringField("downloadLocation", "NOASSERTION");
        g.writeBooleanField("filesAnalyzed", false);
        g.writeStringField("licenseConcluded", "NOASSERTION");
        if (c.licenses().isEmpty()) {
          g.writeStringField("licenseDeclared", "NOASSERTION");
        } else {
          List<String> refs = new ArrayList<>();
          for (String l : c.licenses()) {
            refs.add(licenseRefs.get(l));
          }
          g.writeStringField("licenseDeclared", String.join(" AND ", refs));
        }
        g.writeStringField("copyrightText", "NOASSERTION");
        String src = c.sourceName();
        if (src != null) {
          String sv = c.sourceVersion();
          g.writeStringField("sourceInfo", SOURCE_PREFIX + src + (sv == null ? "" : " " + sv));
        }
        g.writeStringField("primaryPackagePurpose", "LIBRARY");
        g.writeArrayFieldStart("externalRefs");
        g.writeStartObject();
        g.writeStringField("referenceCategory", "PACKAGE-MANAGER");
        g.writeStringField("referenceType", "purl");
        g.writeStringField("referenceLocator", c.purl().toString());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!licenseRefs.isEmpty()) {
        g.writeArrayFieldStart("hasExtractedLicensingInfos");
        for (Map.Entry<String, String> e : licenseRefs.entrySet()) {
          g.writeStartObject();
          g.writeStringField("licenseId", e.getValue());
          g.writeStringField("name", e.getKey());
          g.writeStringField(
              "extractedText",
              "License: " + e.getKey() + " (as the package's copyright file states)");
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("relationships");
      relationship(g, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-OperatingSystem");
      for (String p : ids) {
        relationship(g, "SPDXRef-OperatingSystem", "CONTAINS", p);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  private static void noAssertions(JsonGenerator g) throws IOException {
    g.writeStringField("downloadLocation", "NOASSERTION");
    g.writeBooleanField("filesAnalyzed", false);
    g.writeStringField("licenseConcluded", "NOASSERTION");
    g.writeStringField("licenseDeclared", "NOASSERTION");
    g.writeStringField("copyrightText", "NOASSERTION");
  }

  private static void relationship(JsonGenerator g, String from, String type, String to)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("spdxElementId", from);
    g.writeStringField("relationshipType", type);
    g.writeStringField("relatedSpdxElement", to);
    g.writeEndObject();
  }

  static String licenseRef(String name) {
    return "LicenseRef-" + ref(name);
  }

  /** Letters, digits, {@code .} and {@code -} only, as SPDX identifiers allow. */
  private static String ref(String s) {
    String r = s.replaceAll("[^A-Za-z0-9.-]", "-");
    return r.isEmpty() ? "x" : r;
  }

  private static UUID serial(Sbom sbom) {
    StringBuilder seed = new StringBuilder(sbom.subject()).append(sbom.created());
    for (Component c : sbom.components()) {
      seed.append(c.purl());
    }
    return UUID.nameUUIDFromBytes(seed.toString().getBytes(StandardCharsets.UTF_8));
  }
}
