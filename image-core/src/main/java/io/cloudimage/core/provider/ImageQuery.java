package io.cloudimage.core.provider;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Tags;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to list. Every filter is optional; an empty query lists every image the caller owns.
 *
 * <pre>{@code
 * provider.images(ImageQuery.builder().architecture(Architecture.ARM64).namePattern("web-*").build())
 * }</pre>
 *
 * @param namePattern a glob ({@code *} and {@code ?}) on the name, or {@code null}
 * @param architecture only this architecture, or {@code null}
 * @param osFamily only this OS family, or {@code null}
 * @param tags tags every listed image must carry with these values
 * @param includeDeprecated whether deprecated images are listed
 * @param pageSize how many images one provider call fetches
 */
public record ImageQuery(
    @Nullable String namePattern,
    @Nullable Architecture architecture,
    @Nullable OsFamily osFamily,
    Tags tags,
    boolean includeDeprecated,
    int pageSize) {
  /** Every image, deprecated ones included, 100 per page. */
  public static final ImageQuery ALL = builder().build();

  public ImageQuery {
    if (pageSize < 1 || pageSize > 1000) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "ImageQuery.pageSize must be 1..1000, was " + pageSize);
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether an image passes every filter; providers that cannot filter server-side use this. */
  public boolean matches(Image image) {
    if (architecture != null && image.platform().architecture() != architecture) {
      return false;
    }
    if (osFamily != null && image.platform().os().family() != osFamily) {
      return false;
    }
    if (namePattern != null && !glob(namePattern).matcher(image.name()).matches()) {
      return false;
    }
    for (Map.Entry<String, String> tag : tags.asMap().entrySet()) {
      if (!tag.getValue().equals(image.tags().get(tag.getKey()).orElse(null))) {
        return false;
      }
    }
    return includeDeprecated || image.deprecation() == null;
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** Builds an {@link ImageQuery}. */
  public static final class Builder {
    private @Nullable String namePattern;
    private @Nullable Architecture architecture;
    private @Nullable OsFamily osFamily;
    private Tags tags = Tags.EMPTY;
    private boolean includeDeprecated = true;
    private int pageSize = 100;

    private Builder() {}

    /** Only names matching a glob such as {@code web-*}. */
    public Builder namePattern(String glob) {
      this.namePattern = glob;
      return this;
    }

    /** Only this architecture. */
    public Builder architecture(Architecture architecture) {
      this.architecture = architecture;
      return this;
    }

    /** Only this OS family. */
    public Builder osFamily(OsFamily family) {
      this.osFamily = family;
      return this;
    }

    /** Only images carrying this tag with this value. */
    public Builder tag(String key, String value) {
      this.tags = tags.with(key, value);
      return this;
    }

    /** Lists deprecated images too (the default). */
    public Builder includeDeprecated() {
      this.includeDeprecated = true;
      return this;
    }

    /** Leaves deprecated images out. */
    public Builder excludeDeprecated() {
      this.includeDeprecated = false;
      return this;
    }

    /** Images per provider call, 1..1000; default 100. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** Builds the query. */
    public ImageQuery build() {
      return new ImageQuery(namePattern, architecture, osFamily, tags, includeDeprecated, pageSize);
    }
  }
}
