package io.cloudimage.security.sbom.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.sbom.Component;
import io.cloudimage.security.sbom.Sbom;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rules an SBOM must pass before an image is published. Package names match the component name
 * exactly; licences match the stated licence text exactly (case-insensitive).
 *
 * <p>As a file (JSON):
 *
 * <pre>{@code
 * {"deny": ["telnetd"],
 *  "minimumVersions": {"openssl": "3.0.15-1~deb12u1"},
 *  "licenses": {"allow": ["MIT", "Apache-2.0"], "deny": ["AGPL-3.0"]},
 *  "maxAge": "P365D"}
 * }</pre>
 */
public final class SbomPolicy {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Set<String> denied;
  private final Map<String, String> minimumVersions;
  private final Set<String> allowedLicenses;
  private final Set<String> deniedLicenses;
  private final @Nullable Duration maxAge;
  private final Clock clock;

  private SbomPolicy(Builder b) {
    this.denied = Set.copyOf(b.denied);
    this.minimumVersions = Map.copyOf(b.minimumVersions);
    this.allowedLicenses = lower(b.allowedLicenses);
    this.deniedLicenses = lower(b.deniedLicenses);
    this.maxAge = b.maxAge;
    this.clock = b.clock;
  }

  /** A new, empty builder: a policy that passes everything. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a policy file (the JSON shape above).
   *
   * @throws InvalidInputException when the file cannot be read or a field has the wrong shape
   */
  public static SbomPolicy read(Path file, Clock clock) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read policy " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("policy " + file + " is not a JSON object");
    }
    Builder b = builder().clock(clock);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("deny", "minimumVersions", "licenses", "maxAge").contains(f)) {
        throw new InvalidInputException(
            "policy "
                + file
                + ": unknown field \""
                + f
                + "\"; the fields are deny, minimumVersions, licenses and maxAge");
      }
    }
    for (JsonNode n : array(root.path("deny"), file, "deny")) {
      b.deny(n.asText());
    }
    JsonNode min = root.path("minimumVersions");
    if (!min.isMissingNode()) {
      if (!min.isObject()) {
        throw new InvalidInputException(
            "policy " + file + ": minimumVersions must be an object of name: version");
      }
      min.fields().forEachRemaining(e -> b.minimumVersion(e.getKey(), e.getValue().asText()));
    }
    JsonNode lic = root.path("licenses");
    for (JsonNode n : array(lic.path("allow"), file, "licenses.allow")) {
      b.allowLicense(n.asText());
    }
    for (JsonNode n : array(lic.path("deny"), file, "licenses.deny")) {
      b.denyLicense(n.asText());
    }
    JsonNode age = root.path("maxAge");
    if (!age.isMissingNode()) {
      try {
        b.maxAge(Duration.parse(age.asText()));
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "policy "
                + file
                + ": maxAge \""
                + age.asText()
                + "\" is not an ISO-8601 duration such as P365D",
            e);
      }
    }
    return b.build();
  }

  private static Iterable<JsonNode> array(JsonNode n, Path file, String field) {
    if (n.isMissingNode()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new InvalidInputException("policy " + file + ": " + field + " must be an array");
    }
    return n;
  }

  /** Checks every component against every rule. */
  public PolicyReport check(Sbom sbom) {
    List<Violation> out = new ArrayList<>();
    Instant now = clock.instant();
    for (Component c : sbom.components()) {
      if (denied.contains(c.name())) {
        out.add(new Violation("denied", c.key(), c.name() + " " + c.version() + " is denied"));
      }
      String min = minimumVersions.get(c.name());
      if (min != null && c.ecosystem().ordering().compare(c.version(), min) < 0) {
        out.add(
            new Violation(
                "minimum-version",
                c.key(),
                c.name() + " " + c.version() + " is older than the minimum " + min));
      }
      for (String l : c.licenses()) {
        String key = l.toLowerCase(java.util.Locale.ROOT);
        if (deniedLicenses.contains(key)) {
          out.add(
              new Violation(
                  "license-denied", c.key(), c.name() + " is under the denied licence " + l));
        } else if (!allowedLicenses.isEmpty() && !allowedLicenses.contains(key)) {
          out.add(
              new Violation(
                  "license-not-allowed",
                  c.key(),
                  c.name() + " is under " + l + ", which is not on the allow list"));
        }
      }
      Instant installed = c.installed();
      if (maxAge != null && installed != null && installed.plus(maxAge).isBefore(now)) {
        out.add(
            new Violation(
                "max-age",
                c.key(),
                c.name()
                    + " "
                    + c.version()
                    + " dates from "
                    + installed
                    + ", older than the maximum age "
                    + maxAge));
      }
    }
    return new PolicyReport(out);
  }

  private static Set<String> lower(Set<String> s) {
    Set<String> out = new LinkedHashSet<>();
    for (String x : s) {
      out.add(x.toLowerCase(java.util.Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  /** Builds a policy; every rule is optional. */
  public static final class Builder {
    private final Set<String> denied = new LinkedHashSet<>();
    private final Map<String, String> minimumVersions = new LinkedHashMap<>();
    private final Set<String> allowedLicenses = new LinkedHashSet<>();
    private final Set<String> deniedLicenses = new LinkedHashSet<>();
    private @Nullable Duration maxAge;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** A package that must not be installed, by name. */
    public Builder deny(String packageName) {
      denied.add(packageName);
      return this;
    }

    /** The oldest acceptable version of a package, compared by its ecosystem's rules. */
    public Builder minimumVersion(String packageName, String version) {
      minimumVersions.put(packageName, version);
      return this;
    }

    /** A licence that is allowed; once any is given, every other licence is a violation. */
    public Builder allowLicense(String license) {
      allowedLicenses.add(license);
      return this;
    }

    /** A licence that is never allowed. */
    public Builder denyLicense(String license) {
      deniedLicenses.add(license);
      return this;
    }

    /**
     * The oldest a component may be, from its install (or, for apk, build) time; components of
     * unknown age pass.
     */
    public Builder maxAge(Duration age) {
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive, was " + age);
      }
      this.maxAge = age;
      return this;
    }

    /** The clock ages are measured by (the system's UTC clock by default). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The policy. */
    public SbomPolicy build() {
      return new SbomPolicy(this);
    }
  }
}
