package io.cloudimage.aliyun.signature;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One object an export wrote, and its SHA-256.
 *
 * @param location where the export wrote it, such as {@code oss://bucket/prefix/m-….qcow2}
 * @param sha256 its SHA-256, 64 lower-case hex digits
 */
public record ExportedObject(URI location, String sha256) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public ExportedObject {
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!HEX64.matcher(sha256).matches()) {
      throw new InvalidInputException(
          "'" + sha256 + "' is not a SHA-256 digest (64 hex digits) for " + location);
    }
    if (location.toString().chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw new InvalidInputException("an exported object's location must be one line");
    }
  }

  /**
   * The object at {@code location}, digested from a copy downloaded to {@code file}; the file is
   * read once in constant memory.
   *
   * @throws NotFoundException when the file is missing
   */
  public static ExportedObject digest(URI location, Path file) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[256 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw new NotFoundException(
          "no file " + file + " to digest for " + location + "; download the object first",
          file.toString(),
          null,
          null,
          e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new ExportedObject(location, HexFormat.of().formatHex(sha256.digest()));
  }
}
