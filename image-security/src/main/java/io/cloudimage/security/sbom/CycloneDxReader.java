package io.cloudimage.security.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads CycloneDX documents (JSON or XML, any 1.x version) that any tool made. Components are taken
 * from {@code components}, nested ones included; an {@code operating-system} component gives the
 * OS. Source packages that some tools list as components of their own (cdxgen marks tags them
 * {@code source}) are kept out, so the component list holds installed packages only.
 */
final class CycloneDxReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CycloneDxReader() {}

  /** Reads a JSON document. */
  public static Sbom readJson(String text, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          origin + " is not valid JSON: " + e.getOriginalMessage() + " at " + e.getLocation(), e);
    }
    if (root == null || !"CycloneDX".equals(root.path("bomFormat").asText())) {
      throw new InvalidInputException(
          origin + " is not a CycloneDX JSON document (no \"bomFormat\": \"CycloneDX\")");
    }
    List<Component> out = new ArrayList<>();
    Map<String, String> os = new LinkedHashMap<>();
    JsonNode meta = root.path("metadata").path("component");
    if ("operating-system".equals(meta.path("type").asText())) {
      osFields(meta, os);
    }
    collect(root.path("components"), out, os);
    return new Sbom(
        subject(root.path("metadata").path("component").path("name").asText(""), origin),
        new OsRelease(os, Map.of()),
        out,
        List.of(),
        instant(root.path("metadata").path("timestamp").asText(null)));
  }

  private static void collect(JsonNode components, List<Component> out, Map<String, String> os) {
    for (JsonNode c : components) {
      String type = c.path("type").asText("");
      Map<String, String> props = new HashMap<>();
      for (JsonNode p : c.path("properties")) {
        props.putIfAbsent(p.path("name").asText(""), p.path("value").asText(""));
      }
      if (type.equals("operating-system")) {
        if (os.isEmpty()) {
          osFields(c, os);
        }
      } else if (!isSourcePackage(props)
          // cdxgen tags source packages "source", and also a binary package named like its source,
          // which alone carries the package id of the scanner it used.
          && !(tagged(c, "source") && !props.containsKey("aquasecurity:trivy:PkgID"))) {
        List<String> licenses = new ArrayList<>();
        for (JsonNode l : c.path("licenses")) {
          String v = l.path("license").path("id").asText(null);
          if (v == null) {
            v = l.path("license").path("name").asText(null);
          }
          if (v == null) {
            v = l.path("expression").asText(null);
          }
          if (v != null) {
            licenses.add(v);
          }
        }
        String supplier = c.path("supplier").path("name").asText(null);
        String email = c.path("supplier").path("contact").path(0).path("email").asText(null);
        if (supplier != null && email != null) {
          supplier = supplier + " <" + email + ">";
        }
        if (supplier == null) {
          supplier = c.path("publisher").asText(null);
        }
        out.add(
            component(
                c.path("name").asText(""),
                c.path("version").asText(""),
                c.path("purl").asText(null),
                supplier,
                licenses,
                props));
      }
      collect(c.path("components"), out, os);
    }
  }

  private static void osFields(JsonNode c, Map<String, String> os) {
    for (JsonNode p : c.path("properties")) {
      String name = p.path("name").asText("");
      if (name.startsWith(CycloneDxWriter.OS_FIELD)) {
        os.put(name.substring(CycloneDxWriter.OS_FIELD.length()), p.path("value").asText(""));
      }
    }
    os.putIfAbsent("ID", c.path("name").asText(""));
    String v = c.path("version").asText(null);
    if (v != null) {
      os.putIfAbsent("VERSION_ID", v);
    }
  }

  /** Reads an XML document. */
  public static Sbom readXml(String text, String origin) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // No DTDs and no external entities: an SBOM from elsewhere is untrusted input.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new InputSource(new StringReader(text)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new InvalidInputException(origin + " is not valid XML: " + e.getMessage(), e);
    }
    Element bom = doc.getDocumentElement();
    if (!"bom".equals(bom.getLocalName())) {
      throw new InvalidInputException(origin + " is not a CycloneDX XML document (no <bom>)");
    }
    List<Component> out = new ArrayList<>();
    Map<String, String> os = new LinkedHashMap<>();
    String timestamp = null;
    String subject = "";
    for (Element child : children(bom)) {
      if (child.getLocalName().equals("metadata")) {
        Element ts = first(child, "timestamp");
        timestamp = ts == null ? null : ts.getTextContent().strip();
        Element mc = first(child, "component");
        if (mc != null) {
          subject = text(mc, "name");
          if ("operating-system".equals(mc.getAttribute("type"))) {
            os.put("ID", subject);
            os.put("VERSION_ID", text(mc, "version"));
          }
        }
      } else if (child.getLocalName().equals("components")) {
        collectXml(child, out, os);
      }
    }
    return new Sbom(
        subject(subject, origin), new OsRelease(os, Map.of()), out, List.of(), instant(timestamp));
  }

  private static void collectXml(Element components, List<Component> out, Map<String, String> os) {
    for (Element c : children(components)) {
      if (!c.getLocalName().equals("component")) {
        continue;
      }
      Map<String, String> props = new HashMap<>();
      Element properties = first(c, "properties");
      if (properties != null) {
        for (Element p : children(properties)) {
          props.putIfAbsent(p.getAttribute("name"), p.getTextContent().strip());
        }
      }
      if ("operating-system".equals(c.getAttribute("type"))) {
        if (os.isEmpty()) {
          os.put("ID", text(c, "name"));
          os.put("VERSION_ID", text(c, "version"));
        }
      } else if (!isSourcePackage(props)) {
        List<String> licenses = new ArrayList<>();
        Element ls = first(c, "licenses");
        if (ls != null) {
          for (Element l : children(ls)) {
            String v = l.getLocalName().equals("expression") ? l.getTextContent().strip() : null;
            if (v == null) {
              v = text(l, "id");
              if (v.isEmpty()) {
                v = text(l, "name");
              }
            }
            if (!v.isEmpty()) {
              licenses.add(v);
            }
          }
        }
        Element supplier = first(c, "supplier");
        String purl = text(c, "purl");
        out.add(
            component(
                text(c, "name"),
                text(c, "version"),
                purl.isEmpty() ? null : purl,
                supplier == null ? null : text(supplier, "name"),
                licenses,
                props));
      }
      Element nested = first(c, "components");
      if (nested != null) {
        collectXml(nested, out, os);
      }
    }
  }

  private static boolean tagged(JsonNode c, String tag) {
    for (JsonNode t : c.path("tags")) {
      if (tag.equals(t.asText())) {
        return true;
      }
    }
    return false;
  }

  /** cdxgen lists the source packages of OS packages as components with this property. */
  private static boolean isSourcePackage(Map<String, String> props) {
    return "true".equalsIgnoreCase(props.get("cdx:os:source")) || props.containsKey("SrcOf");
  }

  private static Component component(
      String name,
      String version,
      @Nullable String purl,
      @Nullable String supplier,
      List<String> licenses,
      Map<String, String> props) {
    PackageUrl p = null;
    if (purl != null && !purl.isBlank()) {
      try {
        p = PackageUrl.parse(purl);
      } catch (InvalidInputException e) {
        p = null;
      }
    }
    String source = props.get(CycloneDxWriter.SOURCE);
    if (source == null) {
      source = props.get("PkgSrcName");
    }
    String sourceVersion = props.get(CycloneDxWriter.SOURCE_VERSION);
    if (sourceVersion == null) {
      sourceVersion = props.get("PkgSrcVersion");
    }
    String installed = props.get(CycloneDxWriter.INSTALLED);
    return Component.described(
        name,
        version,
        p,
        props.get(CycloneDxWriter.ARCH),
        source,
        sourceVersion,
        supplier,
        licenses,
        installed == null ? null : instantOrNull(installed));
  }

  private static String subject(String name, String origin) {
    return name.isBlank() ? origin : name;
  }

  private static Instant instant(@Nullable String s) {
    Instant i = s == null ? null : instantOrNull(s);
    return i == null ? Instant.EPOCH : i;
  }

  private static @Nullable Instant instantOrNull(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = e.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element el && el.getLocalName() != null) {
        out.add(el);
      }
    }
    return out;
  }

  private static @Nullable Element first(Element e, String name) {
    for (Element c : children(e)) {
      if (c.getLocalName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static String text(Element e, String name) {
    Element c = first(e, name);
    return c == null ? "" : c.getTextContent().strip();
  }
}
