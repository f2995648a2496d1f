package io.cloudimage.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.EntryReader;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.pricing.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle of every operating system release cloudimage knows, read from a versioned data file
 * that cites a source per entry.
 *
 * <pre>{@code
 * OsLifecycleCatalog os = OsLifecycleCatalog.defaults()
 *     .withLicence(OsFamily.RHEL, Money.of("640", "USD")); // your own subscription price
 * os.find(OperatingSystem.of(OsFamily.UBUNTU, "24.04")).map(OsLifecycle::endOfStandardSupport);
 * }</pre>
 *
 * <p>The file format ({@code os-lifecycle.json} in this package is the shipped one):
 *
 * <pre>{@code
 * {"format": "cloudimage-os-lifecycle", "version": 1, "asOf": "2026-11-20",
 *  "releases": [{"family": "ubuntu", "version": "24.04", "name": "Ubuntu 24.04 LTS",
 *    "released": "2024-04-25", "endOfStandardSupport": "2029-05-31",
 *    "endOfExtendedSupport": "2034-04-30", "cadence": "long-term",
 *    "licencePerNodeYear": 0, "currency": "USD",
 *    "source": "https://ubuntu.com/about/release-cycle", "asOf": "2026-11-20", "notes": ""}]}
 * }</pre>
 */
public final class OsLifecycleCatalog {
  static final String FORMAT = "cloudimage-os-lifecycle";
  private static final String DEFAULTS = "os-lifecycle.json";

  private final List<OsLifecycle> releases;
  private final String asOf;

  private OsLifecycleCatalog(List<OsLifecycle> releases, String asOf) {
    this.releases = List.copyOf(releases);
    this.asOf = asOf;
  }

  /** The shipped data. */
  public static OsLifecycleCatalog defaults() {
    try (InputStream in = OsLifecycleCatalog.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the image-core jar");
      }
      return parse(StrictJson.readJson(in, DEFAULTS).root(), DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a lifecycle file of the user's own, in the shipped format.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException naming the file, the entry and the field that is wrong
   */
  public static OsLifecycleCatalog load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(StrictJson.readJson(in, file.toString()).root(), file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("OS lifecycle file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(
          file + ": not a readable JSON OS lifecycle file: " + e.getMessage(), e);
    }
  }

  /** A catalog of the given entries. */
  public static OsLifecycleCatalog of(List<OsLifecycle> releases) {
    return new OsLifecycleCatalog(releases, "");
  }

  private static OsLifecycleCatalog parse(JsonNode root, String file) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(
          file + ": 'format' must be \"" + FORMAT + "\", was " + root.path("format"));
    }
    JsonNode list = root.path("releases");
    if (!list.isArray()) {
      throw new InvalidInputException(file + ": 'releases' must be an array");
    }
    List<OsLifecycle> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : list) {
      String label = n.path("family").asText("?") + ":" + n.path("version").asText("?");
      EntryReader r = new EntryReader(n, file + " releases[" + i + "] (" + label + ")");
      try {
        out.add(
            new OsLifecycle(
                OsFamily.parse(r.text("family")),
                r.text("version"),
                r.text("name"),
                r.date("released"),
                r.date("endOfStandardSupport"),
                r.date("endOfExtendedSupport"),
                ReleaseCadence.parse(r.text("cadence")),
                Money.of(r.nonNegative("licencePerNodeYear"), r.text("currency")),
                r.text("source"),
                r.date("asOf"),
                r.optionalText("notes", "")));
      } catch (InvalidInputException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(r.where())) {
          throw e;
        }
        throw new InvalidInputException(r.where() + ": " + e.getMessage(), e);
      }
      i++;
    }
    return new OsLifecycleCatalog(out, root.path("asOf").asText(""));
  }

  /**
   * The release an operating system runs: the entry of its family whose version equals or prefixes
   * the image's version at a dot (the longest such).
   */
  public Optional<OsLifecycle> find(OperatingSystem os) {
    OsLifecycle best = null;
    for (OsLifecycle r : releases) {
      if (r.family() == os.family()
          && r.matches(os.version())
          && (best == null || r.version().length() > best.version().length())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every entry, in file order. */
  public List<OsLifecycle> releases() {
    return releases;
  }

  /** When the data as a whole was last checked against its sources (ISO date), or empty. */
  public String asOf() {
    return asOf;
  }

  /** This catalog with every release of {@code family} priced at {@code perNodeYear}. */
  public OsLifecycleCatalog withLicence(OsFamily family, Money perNodeYear) {
    List<OsLifecycle> out = new ArrayList<>(releases.size());
    for (OsLifecycle r : releases) {
      out.add(r.family() == family ? r.withLicence(perNodeYear) : r);
    }
    return new OsLifecycleCatalog(out, asOf);
  }

  /** This catalog with one entry added, replacing any entry of the same family and version. */
  public OsLifecycleCatalog with(OsLifecycle release) {
    List<OsLifecycle> out = new ArrayList<>(releases.size() + 1);
    for (OsLifecycle r : releases) {
      if (!(r.family() == release.family() && r.version().equals(release.version()))) {
        out.add(r);
      }
    }
    out.add(release);
    return new OsLifecycleCatalog(out, asOf);
  }

  /** Releases out of all support on {@code day}. */
  public List<OsLifecycle> endOfLifeOn(LocalDate day) {
    return releases.stream().filter(r -> !r.supported(day)).toList();
  }
}
