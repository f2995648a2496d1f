package io.cloudimage.security.sbom;

import io.cloudimage.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A package URL ({@code purl}) as the purl specification defines it: {@code
 * pkg:type/namespace/name@version?qualifiers}. {@link #toString()} gives the canonical form: the
 * type lowercased, components percent-encoded except letters, digits, {@code . - _ ~} and {@code
 * :}, qualifiers with empty values dropped and the rest sorted by key. For {@code deb} and {@code
 * apk} the namespace and name are lowercased, as their type definitions say.
 *
 * <pre>{@code
 * PackageUrl.of("deb", "debian", "openssl", "3.0.17-1~deb12u2",
 *     Map.of("arch", "amd64", "distro", "debian-12"))
 * // pkg:deb/debian/openssl@3.0.17-1~deb12u2?arch=amd64&distro=debian-12
 * }</pre>
 *
 * @param type the package type, such as {@code deb}, {@code rpm}, {@code apk}, {@code npm}
 * @param namespace the namespace (for distribution packages: the vendor, such as {@code debian}),
 *     or {@code null}
 * @param name the package name
 * @param version the version, or {@code null}
 * @param qualifiers the qualifiers, such as {@code arch} and {@code distro}, sorted by key
 */
public record PackageUrl(
    String type,
    @Nullable String namespace,
    String name,
    @Nullable String version,
    Map<String, String> qualifiers) {
  public PackageUrl {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    type = type.toLowerCase(Locale.ROOT);
    if (type.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("a package URL needs a type and a name");
    }
    if (type.equals("deb") || type.equals("apk") || type.equals("alpm")) {
      name = name.toLowerCase(Locale.ROOT);
      namespace = namespace == null ? null : namespace.toLowerCase(Locale.ROOT);
    }
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
    if (version != null && version.isEmpty()) {
      version = null;
    }
    TreeMap<String, String> q = new TreeMap<>();
    qualifiers.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            q.put(k.toLowerCase(Locale.ROOT), v);
          }
        });
    qualifiers = Collections.unmodifiableMap(q);
  }

  /** A package URL from its parts. */
  public static PackageUrl of(
      String type,
      @Nullable String namespace,
      String name,
      @Nullable String version,
      Map<String, String> qualifiers) {
    return new PackageUrl(type, namespace, name, version, qualifiers);
  }

  /**
   * Parses a package URL; a subpath ({@code #...}) is dropped.
   *
   * @throws InvalidInputException when {@code purl} is not {@code pkg:type/name...}
   */
  public static PackageUrl parse(String purl) {
    String s = purl.strip();
    if (!s.regionMatches(true, 0, "pkg:", 0, 4)) {
      throw new InvalidInputException(
          "not a package URL (does not start with pkg:): '" + purl + "'");
    }
    s = s.substring(4);
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    Map<String, String> qualifiers = new TreeMap<>();
    int question = s.indexOf('?');
    if (question >= 0) {
      for (String pair : s.substring(question + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          qualifiers.put(pair.substring(0, eq), decode(pair.substring(eq + 1)));
        }
      }
      s = s.substring(0, question);
    }
    String version = null;
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      version = decode(s.substring(at + 1));
      s = s.substring(0, at);
    }
    int slash = s.indexOf('/');
    if (slash <= 0) {
      throw new InvalidInputException("package URL has no type/name: '" + purl + "'");
    }
    String type = s.substring(0, slash);
    String rest = s.substring(slash + 1);
    int last = rest.lastIndexOf('/');
    String namespace = last < 0 ? null : decodeSegments(rest.substring(0, last));
    String name = decode(last < 0 ? rest : rest.substring(last + 1));
    if (name.isEmpty()) {
      throw new InvalidInputException("package URL has an empty name: '" + purl + "'");
    }
    return new PackageUrl(type, namespace, name, version, qualifiers);
  }

  /** The canonical string form. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("pkg:").append(type).append('/');
    if (namespace != null) {
      for (String segment : namespace.split("/")) {
        if (!segment.isEmpty()) {
          out.append(encode(segment)).append('/');
        }
      }
    }
    out.append(encode(name));
    if (version != null) {
      out.append('@').append(encode(version));
    }
    if (!qualifiers.isEmpty()) {
      char sep = '?';
      for (Map.Entry<String, String> q : qualifiers.entrySet()) {
        out.append(sep).append(q.getKey()).append('=').append(encode(q.getValue()));
        sep = '&';
      }
    }
    return out.toString();
  }

  /** Percent-encodes everything but letters, digits, {@code . - _ ~} and {@code :}. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '~'
          || c == ':') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String decodeSegments(String s) {
    StringBuilder out = new StringBuilder();
    for (String segment : s.split("/")) {
      if (!segment.isEmpty()) {
        if (out.length() > 0) {
          out.append('/');
        }
        out.append(decode(segment));
      }
    }
    return out.toString();
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
