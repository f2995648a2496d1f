package io.cloudimage.aliyun;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.Tags;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ImportImage: disks already uploaded to OSS in the image's region become a custom image.
 *
 * @param name the image name
 * @param disks the disks, the system disk ({@code /dev/xvda}) first
 * @param os the operating system inside, which gives ECS's {@code Platform} and {@code OSType}
 * @param architecture the instruction set
 * @param description a description; may be empty
 * @param tags the image's tags
 * @param family the family to import into, or {@code null}; its limits are checked first
 */
public record OssImport(
    String name,
    List<OssDisk> disks,
    OperatingSystem os,
    Architecture architecture,
    String description,
    Tags tags,
    @Nullable String family) {
  /** ImportImage takes at most 17 disks: the system disk and 16 data disks. */
  public static final int MAX_DISKS = 17;

  public OssImport {
    disks = List.copyOf(disks);
    if (name.isBlank()) {
      throw new InvalidInputException("OssImport.name must not be blank");
    }
    if (disks.isEmpty() || disks.size() > MAX_DISKS) {
      throw new InvalidInputException(
          "an import needs 1 to " + MAX_DISKS + " disks, not " + disks.size());
    }
    if (!disks.get(0).device().equals("/dev/xvda")) {
      throw new InvalidInputException(
          "the first disk of an import is the system disk /dev/xvda, not " + disks.get(0).device());
    }
    Set<String> devices = new HashSet<>();
    for (OssDisk d : disks) {
      if (!devices.add(d.device())) {
        throw new InvalidInputException("device " + d.device() + " is given twice in the import");
      }
    }
    if (family != null) {
      FamilyLimits.checkName(family);
    }
  }

  /** An import of one system disk with no description, tags or family. */
  public static OssImport of(
      String name, OssDisk systemDisk, OperatingSystem os, Architecture architecture) {
    return new OssImport(name, List.of(systemDisk), os, architecture, "", Tags.EMPTY, null);
  }

  /** This import into a family. */
  public OssImport withFamily(@Nullable String newFamily) {
    return new OssImport(name, disks, os, architecture, description, tags, newFamily);
  }

  /** This import with more tags. */
  public OssImport withTags(Tags more) {
    return new OssImport(name, disks, os, architecture, description, tags.with(more), family);
  }
}
