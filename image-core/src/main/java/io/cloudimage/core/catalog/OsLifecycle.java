package io.cloudimage.core.catalog;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.pricing.Money;
import java.time.LocalDate;

/**
 * The documented lifecycle of one operating system release.
 *
 * <p>"Standard support" is the phase in which the vendor ships security fixes to everyone who runs
 * the release at no extra cost beyond its licence (Ubuntu's five years of standard security
 * maintenance, RHEL's full plus maintenance phases, Windows Server mainstream support). "Extended
 * support" is the paid or limited phase after it (Ubuntu Pro ESM, RHEL ELS, Debian LTS, Windows
 * extended support); when a release has none, it equals the end of standard support.
 *
 * @param family the family
 * @param version the release as images name it ({@code 24.04}, {@code 9}, {@code 2023}); a release
 *     matches image versions it prefixes at a dot ({@code 9} matches {@code 9.4})
 * @param name a display name, such as {@code Ubuntu 24.04 LTS}
 * @param released the general-availability date
 * @param endOfStandardSupport the last day of standard support
 * @param endOfExtendedSupport the last day of any support (end of life)
 * @param cadence how the family ships releases
 * @param licencePerNodeYear what one node costs per year to run it with updates
 * @param source the URL of the page the dates were read from
 * @param asOf when the source was read
 * @param notes anything a reader of the dates should know; may be empty
 */
public record OsLifecycle(
    OsFamily family,
    String version,
    String name,
    LocalDate released,
    LocalDate endOfStandardSupport,
    LocalDate endOfExtendedSupport,
    ReleaseCadence cadence,
    Money licencePerNodeYear,
    String source,
    LocalDate asOf,
    String notes) {
  public OsLifecycle {
    String where = "OS lifecycle entry " + family + ":" + version;
    if (version.isBlank() || name.isBlank()) {
      throw new InvalidInputException(where + ": version and name must not be blank");
    }
    if (endOfStandardSupport.isBefore(released)) {
      throw new InvalidInputException(
          where
              + ": endOfStandardSupport "
              + endOfStandardSupport
              + " is before released "
              + released);
    }
    if (endOfExtendedSupport.isBefore(endOfStandardSupport)) {
      throw new InvalidInputException(
          where
              + ": endOfExtendedSupport "
              + endOfExtendedSupport
              + " is before endOfStandardSupport "
              + endOfStandardSupport
              + "; use the same date when there is no extended support");
    }
    if (licencePerNodeYear.isNegative()) {
      throw new InvalidInputException(
          where + ": licencePerNodeYear must be >= 0, was " + licencePerNodeYear);
    }
    if (!source.startsWith("https://") && !source.startsWith("http://")) {
      throw new InvalidInputException(where + ": source must be the URL the dates came from");
    }
  }

  /** Whether images of {@code imageVersion} run this release. */
  public boolean matches(String imageVersion) {
    return imageVersion.equals(version)
        || (imageVersion.startsWith(version)
            && ".- ".indexOf(imageVersion.charAt(version.length())) >= 0);
  }

  /** Whether standard support still runs on {@code day}. */
  public boolean inStandardSupport(LocalDate day) {
    return !day.isAfter(endOfStandardSupport);
  }

  /** Whether any support (standard or extended) still runs on {@code day}. */
  public boolean supported(LocalDate day) {
    return !day.isAfter(endOfExtendedSupport);
  }

  /** This entry with another licence price, for a user's own contract. */
  public OsLifecycle withLicence(Money perNodeYear) {
    return new OsLifecycle(
        family,
        version,
        name,
        released,
        endOfStandardSupport,
        endOfExtendedSupport,
        cadence,
        perNodeYear,
        source,
        asOf,
        notes);
  }
}
