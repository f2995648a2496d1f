package io.cloudimage.core.lifecycle;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * How a policy groups images into families for "keep the newest N" and "never touch the newest of a
 * family": by {@link Image#family()}, by the value of a tag, or by a name pattern.
 *
 * <pre>{@code
 * FamilyKey.field();                        // Image.family (ECS image family)
 * FamilyKey.tag("app");                     // images with the same app=… tag
 * FamilyKey.namePattern("^(.*)-\\d{8}$");   // web-base-20261101 -> family "web-base"
 * }</pre>
 */
public final class FamilyKey {
  /** Where a family comes from. */
  public enum Source {
    FIELD,
    TAG,
    NAME_PATTERN
  }

  private final Source source;
  private final String argument;
  private final @Nullable Pattern pattern;

  private FamilyKey(Source source, String argument) {
    if (source != Source.FIELD && argument.isBlank()) {
      throw new InvalidInputException("FamilyKey." + source + " needs a tag key or a pattern");
    }
    this.source = source;
    this.argument = argument;
    this.pattern = source == Source.NAME_PATTERN ? compile(argument) : null;
  }

  /** Where the family comes from. */
  public Source source() {
    return source;
  }

  /** The tag key or the name pattern; empty for {@link Source#FIELD}. */
  public String argument() {
    return argument;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FamilyKey
        && ((FamilyKey) o).source == source
        && ((FamilyKey) o).argument.equals(argument);
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + argument.hashCode();
  }

  @Override
  public String toString() {
    return source == Source.FIELD
        ? "family"
        : source.name().toLowerCase(java.util.Locale.ROOT) + ":" + argument;
  }

  /** Families from {@link Image#family()}. */
  public static FamilyKey field() {
    return new FamilyKey(Source.FIELD, "");
  }

  /** Families from the value of a tag. */
  public static FamilyKey tag(String key) {
    return new FamilyKey(Source.TAG, key);
  }

  /**
   * Families from a name pattern: the first capturing group of a match (the whole match when the
   * pattern has no group); images whose name does not match have no family.
   */
  public static FamilyKey namePattern(String regex) {
    return new FamilyKey(Source.NAME_PATTERN, regex);
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(
          "family name pattern '"
              + regex
              + "' is not a valid regular expression: "
              + e.getDescription(),
          e);
    }
  }

  /** The family of an image, or {@code null} when it has none. */
  public @Nullable String of(Image image) {
    switch (source) {
      case FIELD:
        return image.family();
      case TAG:
        return image.tags().get(argument).orElse(null);
      default:
        Pattern p = pattern;
        if (p == null) {
          return null;
        }
        Matcher m = p.matcher(image.name());
        if (!m.find()) {
          return null;
        }
        return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    }
  }
}
