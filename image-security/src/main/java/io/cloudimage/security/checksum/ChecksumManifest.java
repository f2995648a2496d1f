package io.cloudimage.security.checksum;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.security.digest.DigestAlgorithm;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a checksum manifest. GNU lines ({@code hex name} text mode, {@code hex *name}
 * binary mode) take their algorithm from the file name ({@code SHA256SUMS}, {@code B2SUMS}) or else
 * from the digest length; BSD lines ({@code SHA256 (name) = hex}) name it. A clear-signed manifest
 * is read through its text; check its signature with {@link ManifestVerifier}.
 *
 * @param source where the manifest came from, for messages
 * @param entries the listed files in order
 */
public record ChecksumManifest(String source, List<Entry> entries) {
  private static final Pattern BSD =
      Pattern.compile("^([A-Za-z0-9-]+) ?\\((.+)\\) ?= ?([0-9a-fA-F]+)$");
  private static final Pattern GNU = Pattern.compile("^([0-9a-fA-F]+) ([ *])(.+)$");
  private static final long MAX_MANIFEST_BYTES = 64L << 20;

  public ChecksumManifest {
    entries = List.copyOf(entries);
  }

  /**
   * One listed file.
   *
   * @param name the file name as written, relative to the manifest's folder
   * @param algorithm the digest algorithm
   * @param hex the expected digest, lower case
   * @param binary whether GNU binary mode ({@code *}) was marked; informational on POSIX
   * @param line the 1-based line number in the manifest
   */
  public record Entry(
      String name, DigestAlgorithm algorithm, String hex, boolean binary, int line) {}

  /**
   * Reads a manifest file.
   *
   * @throws NotFoundException when it is missing
   * @throws InvalidInputException naming the first line that is neither GNU nor BSD format
   */
  public static ChecksumManifest parse(Path file) {
    try {
      if (Files.size(file) > MAX_MANIFEST_BYTES) {
        throw new InvalidInputException(file + " is larger than a checksum manifest can be");
      }
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return parse(reader, file.toString(), algorithmFromName(file.getFileName().toString()));
      }
    } catch (NoSuchFileException e) {
      throw new NotFoundException("checksum manifest not found: " + file, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read checksum manifest " + file + ": " + e, e);
    }
  }

  /** Parses manifest text; {@code defaultAlgorithm} applies to GNU lines when not null. */
  public static ChecksumManifest parse(
      BufferedReader reader, String source, @Nullable DigestAlgorithm defaultAlgorithm)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    String line;
    int number = 0;
    boolean clearSigned = false;
    boolean inHeaders = false;
    while ((line = reader.readLine()) != null) {
      number++;
      String text = line.strip();
      if (number == 1 && text.equals("-----BEGIN PGP SIGNED MESSAGE-----")) {
        clearSigned = true;
        inHeaders = true;
        continue;
      }
      if (inHeaders) {
        inHeaders = !text.isEmpty();
        continue;
      }
      if (clearSigned) {
        if (text.equals("-----BEGIN PGP SIGNATURE-----")) {
          break;
        }
        if (line.startsWith("- ")) {
          text = line.substring(2).strip();
        }
      }
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String entry = clearSigned && line.startsWith("- ") ? line.substring(2) : line;
      entries.add(parseLine(stripLeadingBlanks(entry), number, source, defaultAlgorithm));
    }
    if (entries.isEmpty()) {
      throw new InvalidInputException(source + " lists no files; is it a checksum manifest?");
    }
    return new ChecksumManifest(source, entries);
  }

  /**
   * Parses one line as {@code sha256sum} reads it: leading blanks are skipped, the name keeps its
   * trailing spaces, and a line that starts with a backslash holds an escaped name ({@code \\} for
   * a backslash, {@code \n} for a line feed, {@code \r} for a carriage return), which is how GNU
   * tools list names holding those characters.
   */
  private static Entry parseLine(
      String line, int number, String source, @Nullable DigestAlgorithm defaultAlgorithm) {
    boolean escaped = line.startsWith("\\");
    String text = escaped ? line.substring(1) : line;
    Entry entry = parseFields(text, number, source, defaultAlgorithm);
    if (!escaped) {
      return entry;
    }
    return new Entry(
        unescape(entry.name(), number, source),
        entry.algorithm(),
        entry.hex(),
        entry.binary(),
        entry.line());
  }

  private static String unescape(String name, int number, String source) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = i + 1 < name.length() ? name.charAt(i + 1) : '\0';
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default ->
            throw bad(
                source,
                number,
                "escaped name holds '\\"
                    + (next == '\0' ? "" : String.valueOf(next))
                    + "'; only \\\\, \\n and \\r are escapes");
      }
      i++;
    }
    return out.toString();
  }

  private static String stripLeadingBlanks(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return line.substring(i);
  }

  private static Entry parseFields(
      String text, int number, String source, @Nullable DigestAlgorithm defaultAlgorithm) {
    Matcher bsd = BSD.matcher(text.stripTrailing());
    if (bsd.matches()) {
      DigestAlgorithm a;
      try {
        a = DigestAlgorithm.parse(bsd.group(1));
      } catch (InvalidInputException e) {
        throw bad(source, number, "unknown algorithm '" + bsd.group(1) + "'");
      }
      return entry(bsd.group(2), a, bsd.group(3), false, number, source);
    }
    Matcher gnu = GNU.matcher(text);
    if (gnu.matches()) {
      String hex = gnu.group(1);
      DigestAlgorithm a =
          defaultAlgorithm != null ? defaultAlgorithm : byLength(hex, number, source);
      return entry(gnu.group(3), a, hex, gnu.group(2).equals("*"), number, source);
    }
    throw bad(source, number, "is neither 'HEX  NAME' (GNU) nor 'ALG (NAME) = HEX' (BSD)");
  }

  private static Entry entry(
      String name, DigestAlgorithm a, String hex, boolean binary, int number, String source) {
    if (hex.length() != 2 * a.length()) {
      throw bad(
          source,
          number,
          "digest has " + hex.length() + " hex digits but " + a.id() + " has " + 2 * a.length());
    }
    return new Entry(name, a, hex.toLowerCase(Locale.ROOT), binary, number);
  }

  private static DigestAlgorithm byLength(String hex, int number, String source) {
    switch (hex.length()) {
      case 32:
        return DigestAlgorithm.MD5;
      case 40:
        return DigestAlgorithm.SHA1;
      case 56:
        return DigestAlgorithm.SHA224;
      case 64:
        return DigestAlgorithm.SHA256;
      case 96:
        return DigestAlgorithm.SHA384;
      case 128:
        return DigestAlgorithm.SHA512;
      default:
        throw bad(source, number, "digest length " + hex.length() + " matches no algorithm");
    }
  }

  /** The algorithm a manifest's file name implies, such as sha256 for {@code SHA256SUMS}. */
  static @Nullable DigestAlgorithm algorithmFromName(String fileName) {
    String n = fileName.toUpperCase(Locale.ROOT);
    if (n.startsWith("B2SUMS")) {
      return DigestAlgorithm.BLAKE2B_512;
    }
    for (DigestAlgorithm a : DigestAlgorithm.values()) {
      if (n.startsWith(a.id().toUpperCase(Locale.ROOT) + "SUM")) {
        return a;
      }
    }
    return null;
  }

  private static InvalidInputException bad(String source, int line, String problem) {
    return new InvalidInputException(source + " line " + line + ": " + problem);
  }
}
