package io.cloudimage.security.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The LSB/os-release compliance of a root filesystem: what {@code lsb_release -a} would print
 * (distributor id, description, release, codename) and which fields the image should state but does
 * not. {@code /etc/os-release} must give {@code NAME}, {@code ID}, {@code VERSION_ID}, {@code
 * PRETTY_NAME} and {@code VERSION_CODENAME}; {@code /etc/lsb-release}, where present, must give
 * {@code DISTRIB_ID}, {@code DISTRIB_RELEASE}, {@code DISTRIB_CODENAME} and {@code
 * DISTRIB_DESCRIPTION}.
 *
 * @param distributorId such as {@code Debian}, or {@code null}
 * @param description such as {@code Debian GNU/Linux 12 (bookworm)}, or {@code null}
 * @param release such as {@code 12}, or {@code null}
 * @param codename such as {@code bookworm}, or {@code null}
 * @param missing the missing fields, each as {@code file:FIELD}
 */
public record OsCompliance(
    @Nullable String distributorId,
    @Nullable String description,
    @Nullable String release,
    @Nullable String codename,
    List<String> missing) {
  private static final List<String> OS_RELEASE =
      List.of("NAME", "ID", "VERSION_ID", "PRETTY_NAME", "VERSION_CODENAME");
  private static final List<String> LSB_RELEASE =
      List.of("DISTRIB_ID", "DISTRIB_RELEASE", "DISTRIB_CODENAME", "DISTRIB_DESCRIPTION");

  public OsCompliance {
    missing = List.copyOf(missing);
  }

  /** The report for {@code os}. */
  public static OsCompliance of(OsRelease os) {
    List<String> missing = new ArrayList<>();
    for (String f : OS_RELEASE) {
      if (blank(os.osRelease().get(f))) {
        missing.add("/etc/os-release:" + f);
      }
    }
    if (!os.lsbRelease().isEmpty()) {
      for (String f : LSB_RELEASE) {
        if (blank(os.lsbRelease().get(f))) {
          missing.add("/etc/lsb-release:" + f);
        }
      }
    }
    String id = os.lsbRelease().get("DISTRIB_ID");
    if (blank(id)) {
      String raw = os.osRelease().get("ID");
      id = raw == null || raw.isBlank() ? null : capitalized(raw);
    }
    return new OsCompliance(id, os.prettyName(), os.versionId(), os.codename(), missing);
  }

  /** Whether no required field is missing. */
  public boolean compliant() {
    return missing.isEmpty();
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  private static String capitalized(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
