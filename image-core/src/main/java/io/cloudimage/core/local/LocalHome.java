package io.cloudimage.core.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.model.StorageTier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The layout of a local home:
 *
 * <pre>
 * cloudimage-home.json        marker: {"format": "cloudimage-home", "version": 1, "id": ...}
 * .lock                       writers' file lock
 * images/ID.json              image metadata (the commit point of an import)
 * snapshots/ID.json           snapshot metadata
 * disks/TIER/SNAPSHOT.FORMAT  disk files, one folder per storage tier
 * trash/ID-MILLIS/            deregistered images and snapshots, recoverable for a while
 * tmp/                        imports in progress
 * quarantine/                 leftovers of interrupted work, kept for a person to look at
 * journal/                    the journal of trash purges and home repairs
 * </pre>
 *
 * <p>No folder or file of the home may be a symbolic link: opening refuses a home whose folders are
 * links, naming the folder.
 */
final class LocalHome {
  static final String MARKER = "cloudimage-home.json";
  static final String FORMAT = "cloudimage-home";
  private static final SecureRandom RANDOM = new SecureRandom();

  final Path root;
  final Path images;
  final Path snapshots;
  final Path disks;
  final Path trash;
  final Path tmp;
  final Path quarantine;
  final Path journal;
  final HomeLock lock;
  private String id = "";

  private LocalHome(Path root) {
    this.root = root;
    this.images = root.resolve("images");
    this.snapshots = root.resolve("snapshots");
    this.disks = root.resolve("disks");
    this.trash = root.resolve("trash");
    this.tmp = root.resolve("tmp");
    this.quarantine = root.resolve("quarantine");
    this.journal = root.resolve("journal");
    this.lock = new HomeLock(root);
  }

  /** The layout of {@code root} without opening or checking anything (for {@code home check}). */
  static LocalHome layout(Path root) {
    return new LocalHome(root.toAbsolutePath().normalize());
  }

  /** The home's random id, written once when the home was made. */
  String id() {
    return id;
  }

  /** Every folder of the home, parents before children. */
  List<Path> folders() {
    List<Path> all = new ArrayList<>(List.of(images, snapshots, disks));
    for (StorageTier tier : StorageTier.values()) {
      all.add(tierDir(tier));
    }
    all.addAll(List.of(trash, tmp, quarantine, journal));
    return all;
  }

  /**
   * Opens a home, creating it when the folder is missing or empty. Creation happens under the
   * home's lock and writes the marker first, so processes creating one home at once all succeed.
   *
   * @throws InvalidInputException when the folder holds something other than a cloudimage home, is
   *     not a folder, cannot be written, or has a folder that is a link — before anything is
   *     written
   */
  static LocalHome open(Path root, Instant now) {
    Path dir = root.toAbsolutePath().normalize();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new InvalidInputException(
            dir + " is not a folder; --home must name a cloudimage home folder");
      }
      if (Files.isDirectory(dir)) {
        requireHomeOrEmpty(dir);
        if (!Files.isWritable(dir)) {
          throw new InvalidInputException(
              dir + " is read-only; a cloudimage home must be writable");
        }
      } else {
        Files.createDirectories(dir, Confinement.ownerOnlyDir());
      }
      // The folder named by the user may itself be reached through a link; everything below it
      // may not.
      LocalHome home = new LocalHome(dir.toRealPath());
      home.lock.run(() -> home.createOrCheck(now));
      return home;
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InvalidInputException(
          dir + " cannot be written (" + e.getMessage() + "); a cloudimage home must be writable",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("opening local home " + dir, e);
    }
  }

  /** Under the lock: writes the marker (with an id) when missing, then checks every folder. */
  private void createOrCheck(Instant now) throws IOException {
    Path marker = root.resolve(MARKER);
    if (Files.isSymbolicLink(marker)) {
      throw Confinement.linkRefused(marker, "home marker");
    }
    if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
      requireHomeOrEmpty(root); // again, now that no other creator can be half way
      ObjectNode m = JsonTrees.object();
      m.put("format", FORMAT);
      m.put("version", 1);
      m.put("created", now.toString());
      m.put("id", newHomeId());
      JsonFiles.writeAtomically(marker, m);
    }
    JsonNode m = readMarker(marker);
    if (!FORMAT.equals(m.path("format").asText()) || m.path("version").asInt() != 1) {
      throw new InvalidInputException(
          marker
              + " does not describe a version 1 cloudimage home; it was written by something else");
    }
    String known = m.path("id").asText("");
    if (known.isEmpty()) {
      // Homes made before homes had ids get one now, once.
      known = newHomeId();
      ((ObjectNode) m).put("id", known);
      JsonFiles.writeAtomically(marker, m);
    }
    this.id = known;
    for (Path folder : folders()) {
      Confinement.requireFolder(folder);
    }
  }

  private static JsonNode readMarker(Path marker) throws IOException {
    try {
      return StrictJson.mapper().readTree(Confinement.readSmall(marker, 1 << 16));
    } catch (JsonProcessingException e) {
      throw JsonFiles.notJson(marker.toString(), e);
    }
  }

  /**
   * Refuses a folder without the marker that holds anything but what a home being created right now
   * holds (its lock file and the marker's temporary file). Writes nothing.
   */
  private static void requireHomeOrEmpty(Path dir) throws IOException {
    if (Files.exists(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        boolean creating =
            name.equals(".lock") || (name.startsWith("." + MARKER + ".") && name.endsWith(".tmp"));
        // Another process creating this home writes the marker before anything else, so an
        // unexpected entry seen after the first check means the marker exists by now: look again.
        if (!creating && !Files.exists(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
          throw new InvalidInputException(
              dir
                  + " is not a cloudimage home (no "
                  + MARKER
                  + ") and is not empty; "
                  + "choose an empty or new folder with --home or CLOUDIMAGE_HOME");
        }
      }
    }
  }

  private static String newHomeId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
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
