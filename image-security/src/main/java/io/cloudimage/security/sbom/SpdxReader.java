package io.cloudimage.security.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.error.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads SPDX 2.x JSON documents that any tool made: every package but the operating system (by
 * {@code primaryPackagePurpose}) and the package the document describes (the project or image an
 * SBOM is about, as {@code npm sbom} and trivy write it; CycloneDX's {@code metadata.component}) is
 * a component, with its {@code purl} external reference; {@code LicenseRef-} licences are named
 * back from {@code hasExtractedLicensingInfos}.
 */
final class SpdxReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SpdxReader() {}

  /** Reads a document. */
  public static Sbom read(String text, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          origin + " is not valid JSON: " + e.getOriginalMessage() + " at " + e.getLocation(), e);
    }
    if (root == null || !root.path("spdxVersion").asText("").startsWith("SPDX-2")) {
      throw new InvalidInputException(origin + " is not an SPDX 2.x JSON document");
    }
    Map<String, String> names = new HashMap<>();
    for (JsonNode l : root.path("hasExtractedLicensingInfos")) {
      String name = l.path("name").asText("");
      if (!name.isEmpty()) {
        names.put(l.path("licenseId").asText(""), name);
      }
    }
    Set<String> described = described(root);
    Map<String, String> os = new LinkedHashMap<>();
    List<Component> out = new ArrayList<>();
    String subject = root.path("name").asText(origin);
    for (JsonNode p : root.path("packages")) {
      String name = p.path("name").asText("");
      String version = p.path("versionInfo").asText("");
      if ("OPERATING-SYSTEM".equals(p.path("primaryPackagePurpose").asText())) {
        os.put("ID", name);
        os.put("VERSION_ID", version);
        continue;
      }
      if (described.contains(p.path("SPDXID").asText(""))) {
        subject = name;
        continue;
      }
      PackageUrl purl = null;
      for (JsonNode r : p.path("externalRefs")) {
        if ("purl".equals(r.path("referenceType").asText())) {
          try {
            purl = PackageUrl.parse(r.path("referenceLocator").asText(""));
          } catch (InvalidInputException e) {
            purl = null;
          }
        }
      }
      List<String> licenses = new ArrayList<>();
      String declared = p.path("licenseDeclared").asText("NOASSERTION");
      if (!declared.equals("NOASSERTION") && !declared.equals("NONE")) {
        for (String part : declared.split(" AND ")) {
          String t = part.strip();
          licenses.add(names.getOrDefault(t, t));
        }
      }
      String supplier = p.path("supplier").asText("NOASSERTION");
      if (supplier.equals("NOASSERTION")) {
        supplier = null;
      } else {
        supplier = supplier.replaceFirst("^(Organization|Person):\\s*", "");
      }
      String source = null;
      String sourceVersion = null;
      String info = p.path("sourceInfo").asText("");
      if (info.startsWith(SpdxWriter.SOURCE_PREFIX)) {
        String[] parts = info.substring(SpdxWriter.SOURCE_PREFIX.length()).split(" ", 2);
        source = parts[0];
        sourceVersion = parts.length > 1 ? parts[1] : null;
      }
      out.add(
          Component.described(
              name, version, purl, null, source, sourceVersion, supplier, licenses, null));
    }
    Instant created = Instant.EPOCH;
    try {
      created = Instant.parse(root.path("creationInfo").path("created").asText(""));
    } catch (DateTimeParseException e) {
      created = Instant.EPOCH;
    }
    return new Sbom(subject, new OsRelease(os, Map.of()), out, List.of(), created);
  }

  /**
   * The packages the document is about: {@code documentDescribes} and the {@code DESCRIBES}
   * relationships of the document. When the document describes every package it lists, none is left
   * out: then the packages are the content, not a subject.
   */
  private static Set<String> described(JsonNode root) {
    Set<String> ids = new HashSet<>();
    for (JsonNode d : root.path("documentDescribes")) {
      ids.add(d.asText(""));
    }
    String document = root.path("SPDXID").asText("SPDXRef-DOCUMENT");
    for (JsonNode r : root.path("relationships")) {
      if ("DESCRIBES".equals(r.path("relationshipType").asText())
          && document.equals(r.path("spdxElementId").asText())) {
        ids.add(r.path("relatedSpdxElement").asText(""));
      }
    }
    int listed = 0;
    int describedListed = 0;
    for (JsonNode p : root.path("packages")) {
      listed++;
      if (ids.contains(p.path("SPDXID").asText(""))) {
        describedListed++;
      }
    }
    return describedListed == listed ? Set.of() : ids;
  }
}
