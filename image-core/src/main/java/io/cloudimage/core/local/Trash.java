package io.cloudimage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.json.JsonFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recoverable trash of a local home. An entry is a folder {@code ID-MILLIS/} holding the moved
 * files and {@code entry.json} listing where each came from; the entry counts only once sealed
 * (entry.json written), so an interrupted deletion can be finished or undone.
 */
final class Trash {
  private final Path dir;
  private final Path home;

  Trash(Path dir, Path home) {
    this.dir = dir;
    this.home = home;
  }

  Entry open(String resourceId, Instant now) throws IOException {
    Path folder = dir.resolve(resourceId + "-" + now.toEpochMilli());
    Files.createDirectories(folder);
    return new Entry(folder, resourceId, now);
  }

  /** Moves the files of the newest entry for {@code resourceId} back to where they were. */
  void restore(String resourceId) throws IOException {
    Path newest = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, resourceId + "-*")) {
      for (Path e : entries) {
        if (Files.exists(e.resolve("entry.json"))
            && (newest == null
                || e.getFileName().toString().compareTo(newest.getFileName().toString()) > 0)) {
          newest = e;
        }
      }
    }
    if (newest == null) {
      throw new NotFoundException(resourceId + " is not in the trash of " + home);
    }
    JsonNode entry = JsonFiles.read(newest.resolve("entry.json"));
    // Disks first, records last: the image reappears only when its data is back.
    List<JsonNode> files = new ArrayList<>();
    entry.path("files").forEach(files::add);
    files.sort(Comparator.comparing((JsonNode f) -> f.path("from").asText().endsWith(".json")));
    for (JsonNode f : files) {
      Path from = newest.resolve(f.path("name").asText());
      Path to = home.resolve(f.path("from").asText());
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.delete(newest.resolve("entry.json"));
    Files.delete(newest);
  }

  /** Deletes sealed entries made before {@code cutoff}; returns how many. */
  int purge(Instant cutoff) throws IOException {
    int purged = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        Path meta = e.resolve("entry.json");
        if (!Files.exists(meta)) {
          continue;
        }
        Instant trashed = Instant.parse(JsonFiles.read(meta).path("trashed").asText());
        if (trashed.isBefore(cutoff)) {
          try (Stream<Path> walk = Files.walk(e)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
          purged++;
        }
      }
    }
    return purged;
  }

  final class Entry {
    private final Path folder;
    private final ObjectNode meta = ImageJson.MAPPER.createObjectNode();
    private final ArrayNode files;

    Entry(Path folder, String resourceId, Instant now) {
      this.folder = folder;
      meta.put("resource", resourceId);
      meta.put("trashed", now.toString());
      files = meta.putArray("files");
    }

    /** Moves a file of the home into the entry; records go last so a crash leaves them listed. */
    void take(Path file) throws IOException {
      String name = files.size() + "-" + file.getFileName();
      Files.move(file, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      ObjectNode f = files.addObject();
      f.put("name", name);
      f.put("from", home.relativize(file).toString());
    }

    void seal() {
      JsonFiles.writeAtomically(folder.resolve("entry.json"), meta);
    }
  }
}
