package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * Hard requirements on a candidate's operating system; a candidate that misses one is excluded with
 * the reason.
 *
 * <pre>{@code
 * ImageSelector.builder().os(os -> os.family(OsFamily.UBUNTU).atLeast("22.04")
 *     .minSupportLeft(Period.ofYears(2)))
 * }</pre>
 *
 * @param family the family required, or {@code null} for any
 * @param atLeast the lowest version accepted (dotted numeric comparison), or {@code null}
 * @param atMost the highest version accepted, or {@code null}
 * @param minSupportLeft standard support that must remain from today ({@link Period#ZERO} for none)
 * @param allowEndOfLife whether releases out of all support stay candidates (default no)
 */
public record OsRequirement(
    @Nullable OsFamily family,
    @Nullable String atLeast,
    @Nullable String atMost,
    Period minSupportLeft,
    boolean allowEndOfLife) {
  /** No requirement beyond "still supported". */
  public static final OsRequirement ANY = new OsRequirement(null, null, null, Period.ZERO, false);

  public OsRequirement {
    if (minSupportLeft.isNegative()) {
      throw new InvalidInputException(
          "OsRequirement.minSupportLeft must not be negative, was " + minSupportLeft);
    }
  }

  /** Whether the version is within {@link #atLeast} and {@link #atMost}. */
  boolean versionFits(OperatingSystem os) {
    String low = atLeast;
    String high = atMost;
    return (low == null || OperatingSystem.compareVersions(os.version(), low) >= 0)
        && (high == null || OperatingSystem.compareVersions(os.version(), high) <= 0);
  }

  /** A builder, for {@code ImageSelector.Builder#os(Consumer)}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OsRequirement}. */
  public static final class Builder {
    private @Nullable OsFamily family;
    private @Nullable String atLeast;
    private @Nullable String atMost;
    private Period minSupportLeft = Period.ZERO;
    private boolean allowEndOfLife;

    Builder() {}

    /** Requires this family. */
    public Builder family(OsFamily family) {
      this.family = family;
      return this;
    }

    /** Requires at least this version, such as {@code 22.04}. */
    public Builder atLeast(String version) {
      this.atLeast = version;
      return this;
    }

    /** Requires at most this version. */
    public Builder atMost(String version) {
      this.atMost = version;
      return this;
    }

    /** Requires this much standard support left from today. */
    public Builder minSupportLeft(Period period) {
      this.minSupportLeft = period;
      return this;
    }

    /** Keeps releases out of all support as candidates (scored 0 on support). */
    public Builder allowEndOfLife(boolean allow) {
      this.allowEndOfLife = allow;
      return this;
    }

    /** The requirement. */
    public OsRequirement build() {
      return new OsRequirement(family, atLeast, atMost, minSupportLeft, allowEndOfLife);
    }
  }
}
