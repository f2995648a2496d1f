package io.cloudimage.aliyun.signature;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.output.OutputFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest manifest of one export: which image, where, and the SHA-256 of every object written.
 * Its text is what gets signed:
 *
 * <pre>
 * cloudimage-export-manifest 1
 * image aliyun cn-hangzhou m-bp1…
 * sha256 9f86d0…  oss://bucket/prefix/m-bp1….qcow2
 * </pre>
 *
 * @param provider the provider's name, such as {@code aliyun}
 * @param region the image's region
 * @param imageId the image exported
 * @param objects the objects written, at least one
 */
public record ExportManifest(
    String provider, String region, String imageId, List<ExportedObject> objects) {
  private static final String HEADER = "cloudimage-export-manifest 1";

  /** Manifests are small; a bigger file is not one. */
  private static final long MAX_BYTES = 1L << 20;

  public ExportManifest {
    objects = List.copyOf(objects);
    if (objects.isEmpty()) {
      throw new InvalidInputException("an export manifest lists at least one exported object");
    }
    for (String word : List.of(provider, region, imageId)) {
      if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidInputException(
            "'" + word + "' cannot be a provider, region or image id of a manifest");
      }
    }
  }

  /** The manifest's text, UTF-8, one line each. */
  public String text() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("image ")
        .append(provider)
        .append(' ')
        .append(region)
        .append(' ')
        .append(imageId)
        .append('\n');
    for (ExportedObject o : objects) {
      out.append("sha256 ").append(o.sha256()).append("  ").append(o.location()).append('\n');
    }
    return out.toString();
  }

  /**
   * Writes the manifest to {@code file} atomically (temporary file, then rename), refusing a file
   * that is one of {@code inputs} (the signing key's ring, a downloaded object).
   */
  void write(Path file, List<Path> inputs) {
    try (OutputFile out = OutputFile.to(file).notSameAs(inputs).open()) {
      out.stream().write(text().getBytes(StandardCharsets.UTF_8));
      out.commit();
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a manifest.
   *
   * @throws NotFoundException when the file is missing
   * @throws CorruptDataException when it is not a manifest, naming the line
   */
  public static ExportManifest read(Path file) {
    List<String> lines;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new CorruptDataException(file, -1, "over 1 MiB: not an export manifest");
      }
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(
          "no export manifest " + file + "; download it next to its signature",
          file.toString(),
          null,
          null,
          e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
      throw new CorruptDataException(
          file, -1, "line 1: not a cloudimage export manifest (expected '" + HEADER + "')");
    }
    String[] image = lines.get(1).split(" ");
    if (image.length != 4 || !image[0].equals("image")) {
      throw new CorruptDataException(
          file, -1, "line 2: expected 'image PROVIDER REGION ID', found '" + lines.get(1) + "'");
    }
    List<ExportedObject> objects = new ArrayList<>();
    for (int n = 2; n < lines.size(); n++) {
      String line = lines.get(n);
      int gap = line.indexOf("  ");
      if (!line.startsWith("sha256 ") || gap < 0) {
        throw new CorruptDataException(
            file,
            -1,
            "line " + (n + 1) + ": expected 'sha256 HEX  LOCATION', found '" + line + "'");
      }
      try {
        objects.add(new ExportedObject(new URI(line.substring(gap + 2)), line.substring(7, gap)));
      } catch (URISyntaxException | InvalidInputException e) {
        throw new CorruptDataException(file, -1, "line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    return new ExportManifest(image[1], image[2], image[3], objects);
  }
}
