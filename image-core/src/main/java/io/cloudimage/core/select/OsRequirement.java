package io.cloudimage.core.select;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import java.time.Period;
import java.util.Objects;
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
 * @param endOfLife whether releases out of all support stay candidates (default {@link
 *     EndOfLife#EXCLUDED})
 */
public record OsRequirement(
    @Nullable OsFamily family,
    @Nullable String atLeast,
    @Nullable String atMost,
    Period minSupportLeft,
    EndOfLife endOfLife) {
  /** No requirement beyond "still supported". */
  public static final OsRequirement ANY =
      new OsRequirement(null, null, null, Period.ZERO, EndOfLife.EXCLUDED);

  public OsRequirement {
    Objects.requireNonNull(minSupportLeft, "minSupportLeft");
    Objects.requireNonNull(endOfLife, "endOfLife");
    if (minSupportLeft.isNegative()) {
      throw new InvalidInputException(
          "OsRequirement.minSupportLeft must not be negative, was " + minSupportLeft);
    }
  }

  /** Whether releases out of all support stay candidates. */
  public boolean allowsEndOfLife() {
    return endOfLife == EndOfLife.ALLOWED;
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
    private EndOfLife endOfLife = EndOfLife.EXCLUDED;

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
    public Builder allowEndOfLife() {
      return endOfLife(EndOfLife.ALLOWED);
    }

    /** What to do with releases out of all support; default {@link EndOfLife#EXCLUDED}. */
    public Builder endOfLife(EndOfLife endOfLife) {
      this.endOfLife = Objects.requireNonNull(endOfLife, "endOfLife");
      return this;
    }

    /** The requirement. */
    public OsRequirement build() {
      return new OsRequirement(family, atLeast, atMost, minSupportLeft, endOfLife);
    }
  }
}
