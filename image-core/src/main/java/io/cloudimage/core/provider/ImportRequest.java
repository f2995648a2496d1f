package io.cloudimage.core.provider;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Register a disk-image file as an image.
 *
 * @param file the disk image (raw, qcow2, vmdk, vhd, vhdx or ova)
 * @param name the image name
 * @param os the operating system inside
 * @param architecture its instruction set
 * @param tier where to store it
 * @param tags its tags
 * @param description a description; may be empty
 * @param family the image family, or {@code null}
 */
public record ImportRequest(
    Path file,
    String name,
    OperatingSystem os,
    Architecture architecture,
    StorageTier tier,
    Tags tags,
    String description,
    @Nullable String family) {
  public ImportRequest {
    if (name.isBlank()) {
      throw new InvalidInputException("ImportRequest.name must not be blank");
    }
  }

  /** A request with the hot tier, no tags, no description and no family. */
  public static ImportRequest of(Path file, String name, OperatingSystem os, Architecture arch) {
    return new ImportRequest(file, name, os, arch, StorageTier.HOT, Tags.EMPTY, "", null);
  }

  /** This request with another tier. */
  public ImportRequest withTier(StorageTier newTier) {
    return new ImportRequest(file, name, os, architecture, newTier, tags, description, family);
  }

  /** This request with more tags. */
  public ImportRequest withTags(Tags more) {
    return new ImportRequest(
        file, name, os, architecture, tier, tags.with(more), description, family);
  }

  /** This request with a family. */
  public ImportRequest withFamily(@Nullable String newFamily) {
    return new ImportRequest(file, name, os, architecture, tier, tags, description, newFamily);
  }
}
