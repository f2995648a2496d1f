package io.cloudimage.security.sbom;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A software bill of materials: the operating system and the installed packages of one root
 * filesystem, made by {@link SbomGenerator} or read from a CycloneDX or SPDX document.
 *
 * @param subject what it describes, such as the root folder's name or the document's name
 * @param os the operating system, {@link OsRelease#UNKNOWN} when not known
 * @param components the installed packages, sorted by {@link Component#key()}
 * @param warnings what was skipped or could not be read, one sentence each with file and line
 * @param created when it was made
 */
public record Sbom(
    String subject,
    OsRelease os,
    List<Component> components,
    List<String> warnings,
    Instant created) {
  public Sbom {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(created, "created");
    components = List.copyOf(components);
    warnings = List.copyOf(warnings);
  }

  /** A CycloneDX 1.6 JSON document. */
  public String toCycloneDxJson() {
    return CycloneDxWriter.write(this);
  }

  /** An SPDX 2.3 JSON document. */
  public String toSpdxJson() {
    return SpdxWriter.write(this);
  }

  /**
   * Reads a CycloneDX (JSON or XML) or SPDX (JSON) document, whichever {@code file} holds.
   *
   * @throws InvalidInputException when it is none of those or cannot be parsed
   */
  public static Sbom read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read SBOM " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses a CycloneDX (JSON or XML) or SPDX (JSON) document.
   *
   * @param origin where it came from, for messages
   */
  public static Sbom parse(String text, String origin) {
    String t = text.stripLeading();
    if (t.startsWith("<")) {
      return CycloneDxReader.readXml(text, origin);
    }
    if (t.startsWith("{")) {
      if (t.contains("\"spdxVersion\"")) {
        return SpdxReader.read(text, origin);
      }
      return CycloneDxReader.readJson(text, origin);
    }
    throw new InvalidInputException(
        origin + " is neither CycloneDX (JSON, XML) nor SPDX JSON; give an SBOM in one of those");
  }
}
