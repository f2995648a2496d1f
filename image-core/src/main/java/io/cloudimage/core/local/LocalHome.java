package io.cloudimage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.json.JsonFiles;
import io.cloudimage.core.model.StorageTier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The layout of a local home:
 *
 * <pre>
 * cloudimage-home.json        marker: {"format": "cloudimage-home", "version": 1}
 * .lock                       writers' file lock
 * images/ID.json              image metadata (the commit point of an import)
 * snapshots/ID.json           snapshot metadata
 * disks/TIER/SNAPSHOT.FORMAT  disk files, one folder per storage tier
 * trash/ID-MILLIS/            deregistered images and snapshots, recoverable for a while
 * tmp/                        imports in progress
 * </pre>
 */
final class LocalHome {
  static final String MARKER = "cloudimage-home.json";
  static final String FORMAT = "cloudimage-home";

  final Path root;
  final Path images;
  final Path snapshots;
  final Path disks;
  final Path trash;
  final Path tmp;

  private LocalHome(Path root) {
    this.root = root;
    this.images = root.resolve("images");
    this.snapshots = root.resolve("snapshots");
    this.disks = root.resolve("disks");
    this.trash = root.resolve("trash");
    this.tmp = root.resolve("tmp");
  }

  /**
   * Opens a home, creating it when the folder is missing or empty.
   *
   * @throws InvalidInputException when the folder holds something other than a cloudimage home, is
   *     not a folder, or cannot be written — before anything is written
   */
  static LocalHome open(Path root, Instant now) {
    Path dir = root.toAbsolutePath().normalize();
    LocalHome home = new LocalHome(dir);
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new InvalidInputException(
            dir + " is not a folder; --home must name a cloudimage home folder");
      }
      Path marker = dir.resolve(MARKER);
      if (Files.isDirectory(dir) && !Files.exists(marker)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new InvalidInputException(
                dir
                    + " is not a cloudimage home (no "
                    + MARKER
                    + ") and is not empty; "
                    + "choose an empty or new folder with --home or CLOUDIMAGE_HOME");
          }
        }
      }
      if (Files.exists(marker)) {
        JsonNode m = JsonFiles.read(marker);
        if (!FORMAT.equals(m.path("format").asText()) || m.path("version").asInt() != 1) {
          throw new InvalidInputException(
              marker
                  + " does not describe a version 1 cloudimage home; it was written by something else");
        }
      }
      if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
        throw new InvalidInputException(dir + " is read-only; a cloudimage home must be writable");
      }
      Files.createDirectories(dir);
      for (Path p : new Path[] {home.images, home.snapshots, home.trash, home.tmp}) {
        Files.createDirectories(p);
      }
      for (StorageTier tier : StorageTier.values()) {
        Files.createDirectories(home.tierDir(tier));
      }
      if (!Files.exists(marker)) {
        ObjectNode m = ImageJson.MAPPER.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", 1);
        m.put("created", now.toString());
        JsonFiles.writeAtomically(marker, m);
      }
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InvalidInputException(
          dir + " cannot be written (" + e.getMessage() + "); a cloudimage home must be writable",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("opening local home " + dir, e);
    }
    return home;
  }

  Path tierDir(StorageTier tier) {
    return disks.resolve(tier.id());
  }

  Path imageFile(String id) {
    return images.resolve(id + ".json");
  }

  Path snapshotFile(String id) {
    return snapshots.resolve(id + ".json");
  }

  Path diskFile(StorageTier tier, String snapshotId, String format) {
    return tierDir(tier).resolve(snapshotId + "." + format);
  }
}
