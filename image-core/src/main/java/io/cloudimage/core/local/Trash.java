package io.cloudimage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The recoverable trash of a local home. An entry is a folder {@code ID-MILLIS/} holding the moved
 * files and {@code entry.json}, which describes the move before any file moves (write-ahead):
 *
 * <ol>
 *   <li>{@code entry.json} is written with state {@code MOVING} and every file to move;
 *   <li>the files move, disks first and the image record last;
 *   <li>the state becomes {@code COMPLETE}.
 * </ol>
 *
 * A failure moves the files back ("still listed"). After a crash, {@link TrashRecovery} finishes a
 * {@code MOVING} entry whose last file moved, and moves the files of any other one back; a {@code
 * RESTORING} entry is finished. So an image is always listed or restorable. Callers hold the home
 * lock.
 *
 * <p>An erasure uses the same write-ahead move into an entry marked {@code "purpose": "ERASE"};
 * once every file is in, its state becomes {@code ERASING}, the disks are overwritten and
 * everything is deleted, the description last. Recovery finishes an erasure whose image record
 * moved in and undoes one whose record had not.
 *
 * <p>The overwriting itself is in {@link Overwrite}, and the recovery of half-done entries in
 * {@link TrashRecovery}.
 */
final class Trash {
  static final String ENTRY = "entry.json";
  static final String ERASE = "ERASE";
  static final String ERASING = "ERASING";
  private static final Set<String> MOVABLE_FOLDERS = Set.of("images", "snapshots", "disks");

  private final LocalHome home;

  Trash(LocalHome home) {
    this.home = home;
  }

  /**
   * Moves {@code files} (in order; the record that lists the resource last) into a new entry.
   *
   * @throws InvalidInputException when a file is a link or not a regular file; nothing moved
   * @throws CloudImageException when a file is missing or cannot be moved; everything moved back
   */
  void remove(String resourceId, @Nullable String name, List<Path> files, Instant now)
      throws IOException {
    Path folder = moveIn(resourceId, name, files, now, false);
    write(folder, (ObjectNode) RecordStore.read(folder.resolve(ENTRY)), "COMPLETE");
  }

  /**
   * Moves an image's files (in order; its record last) into a new entry marked for erasure, whose
   * state becomes {@code ERASING} once every file is in: from then on the image is not listed and
   * cannot be restored, and {@link #finishErasure} (now, or by {@link TrashRecovery} after a crash)
   * overwrites and deletes the files.
   *
   * @return the entry folder
   * @throws InvalidInputException when a file is a link or not a regular file; nothing moved
   * @throws CloudImageException when a file is missing or cannot be moved; everything moved back
   */
  Path moveForErasure(String resourceId, @Nullable String name, List<Path> files, Instant now)
      throws IOException {
    Path folder = moveIn(resourceId, name, files, now, true);
    write(folder, (ObjectNode) RecordStore.read(folder.resolve(ENTRY)), ERASING);
    return folder;
  }

  private Path moveIn(
      String resourceId, @Nullable String name, List<Path> files, Instant now, boolean erase)
      throws IOException {
    for (Path f : files) {
      Confinement.requirePlainFile(f, f.toString().endsWith(".json") ? "record" : "disk");
    }
    Path folder = home.trash.resolve(resourceId + "-" + now.toEpochMilli());
    for (int n = 1; Confinement.present(folder); n++) {
      folder = home.trash.resolve(resourceId + "-" + now.toEpochMilli() + "-" + n);
    }
    Files.createDirectory(folder, Confinement.ownerOnlyDir());
    ObjectNode meta = JsonTrees.object();
    meta.put("resource", resourceId);
    if (name != null) {
      meta.put("name", name);
    }
    meta.put("trashed", now.toString());
    if (erase) {
      meta.put("purpose", ERASE);
    }
    ArrayNode list = meta.putArray("files");
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      list.addObject()
          .put("name", i + "-" + f.getFileName())
          .put("from", home.root.relativize(f).toString());
    }
    write(folder, meta, "MOVING");
    List<Path> moved = new ArrayList<>();
    try {
      for (JsonNode f : list) {
        Path from = origin(f);
        Confinement.move(from, folder.resolve(f.path("name").asText()));
        moved.add(from);
      }
    } catch (IOException | RuntimeException e) {
      moveBack(folder, meta, moved.size());
      finish(folder);
      throw new CloudImageException(
          "could not move "
              + resourceId
              + " to the trash ("
              + e.getMessage()
              + "); nothing was removed, it is still listed",
          e);
    }
    return folder;
  }

  /**
   * Overwrites every disk of an erasure entry with zeros (each checked to be a plain file, never
   * followed through a link), then deletes the disks, the records, and the description last. Safe
   * to run again on an entry that a crash left partly done.
   */
  ErasureDone finishErasure(Path folder, ProgressListener listener, Cancellation cancel)
      throws IOException {
    JsonNode meta = readEntry(folder);
    if (meta == null || !ERASE.equals(meta.path("purpose").asText())) {
      throw new IllegalStateException(folder + " is not an erasure entry");
    }
    List<Path> inside = new ArrayList<>();
    List<Path> disks = new ArrayList<>();
    for (JsonNode f : meta.path("files")) {
      Path in = folder.resolve(f.path("name").asText());
      if (!folder.equals(in.getParent())) {
        throw new InvalidInputException(folder + " names a file outside itself; refusing it");
      }
      if (Confinement.present(in)) {
        Confinement.requirePlainFile(in, "file being erased");
        inside.add(in);
        if (origin(f).startsWith(home.root.resolve("disks"))) {
          disks.add(in);
        }
      }
    }
    long bytes = 0;
    StringBuilder verified = new StringBuilder();
    for (Path disk : disks) {
      bytes += Overwrite.clear(disk, listener, cancel);
      verified.append(disk.getFileName()).append(": read back all zero; ");
    }
    for (Path p : inside) {
      Files.delete(p); // checked plain above; a link is never followed by a delete anyway
    }
    finish(folder);
    return new ErasureDone(bytes, verified.toString().trim());
  }

  /** What {@link #finishErasure} did: bytes overwritten and how each disk was verified. */
  record ErasureDone(long bytes, String verification) {}

  /** Moves the first {@code count} files of an entry back to where they came from. */
  void moveBack(Path folder, JsonNode meta, int count) throws IOException {
    List<JsonNode> files = new ArrayList<>();
    meta.path("files").forEach(files::add);
    for (int i = count - 1; i >= 0; i--) {
      JsonNode f = files.get(i);
      Path in = folder.resolve(f.path("name").asText());
      if (Confinement.present(in)) {
        Confinement.move(in, origin(f));
      }
    }
  }

  /**
   * Brings back the newest complete entry of {@code resourceId}: disks first, the record last.
   *
   * @throws NotFoundException when it is not in the trash
   * @throws ConflictException when something already has one of its names
   */
  void restore(String resourceId) throws IOException {
    Path folder = newest(resourceId);
    if (folder == null) {
      throw new NotFoundException(
          resourceId + " is not in the trash of " + home.root, resourceId, null, null, null);
    }
    ObjectNode meta = (ObjectNode) RecordStore.read(folder.resolve(ENTRY));
    List<JsonNode> files = new ArrayList<>();
    meta.path("files").forEach(files::add);
    for (JsonNode f : files) {
      Path to = origin(f);
      if (Confinement.present(to)) {
        throw new ConflictException(
            to + " already exists; cannot restore " + resourceId + " over it");
      }
      Confinement.requirePlainFile(folder.resolve(f.path("name").asText()), "trashed file");
    }
    write(folder, meta, "RESTORING");
    int done = 0;
    try {
      for (JsonNode f : files) {
        Confinement.move(folder.resolve(f.path("name").asText()), origin(f));
        done++;
      }
    } catch (IOException | RuntimeException e) {
      for (int i = done - 1; i >= 0; i--) {
        Confinement.move(origin(files.get(i)), folder.resolve(files.get(i).path("name").asText()));
      }
      write(folder, meta, "COMPLETE");
      throw new CloudImageException(
          "could not restore " + resourceId + " (" + e.getMessage() + "); it stays in the trash",
          e);
    }
    finish(folder);
  }

  /** The complete entries, oldest first. */
  List<TrashEntry> list(Duration retention) {
    List<TrashEntry> all = new ArrayList<>();
    for (Path folder : folders()) {
      JsonNode meta = readEntry(folder);
      if (meta != null && "COMPLETE".equals(state(meta))) {
        Instant removed = Instant.parse(meta.path("trashed").asText());
        String name = meta.hasNonNull("name") ? meta.path("name").asText() : null;
        all.add(
            new TrashEntry(meta.path("resource").asText(), name, removed, removed.plus(retention)));
      }
    }
    all.sort(Comparator.comparing(TrashEntry::removed).thenComparing(TrashEntry::id));
    return all;
  }

  /** Deletes complete entries made before {@code cutoff}, journaling each first; how many went. */
  int purge(Instant cutoff, Journal journal) throws IOException {
    int purged = 0;
    for (Path folder : folders()) {
      JsonNode meta = readEntry(folder);
      if (meta == null || !"COMPLETE".equals(state(meta))) {
        continue;
      }
      Instant trashed = Instant.parse(meta.path("trashed").asText());
      if (!trashed.isBefore(cutoff)) {
        continue;
      }
      journal.append(
          "TRASH_PURGE",
          r -> {
            r.put("resource", meta.path("resource").asText());
            r.put("entry", folder.getFileName().toString());
            r.put("trashed", trashed.toString());
            r.putJson("files", meta.path("files").toString());
          });
      List<Path> inside = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
        ds.forEach(inside::add);
      }
      for (Path p : inside) {
        if (!p.getFileName().toString().equals(ENTRY)) {
          Files.delete(p); // a link is deleted as the link, never followed
        }
      }
      Files.delete(folder.resolve(ENTRY));
      Files.delete(folder);
      purged++;
    }
    return purged;
  }

  /** Where a file of an entry came from, confined to the folders a removal takes files from. */
  Path origin(JsonNode file) {
    String from = file.path("from").asText("");
    Path rel = Path.of(from).normalize();
    if (from.isEmpty()
        || rel.isAbsolute()
        || rel.startsWith("..")
        || !MOVABLE_FOLDERS.contains(rel.getName(0).toString())
        || !rel.toString().equals(from)) {
      throw new InvalidInputException(
          "a trash entry names '" + from + "', which is not a file a removal moves; refusing it");
    }
    return home.root.resolve(rel);
  }

  private @Nullable Path newest(String resourceId) {
    Path best = null;
    Instant bestAt = Instant.MIN;
    for (Path folder : folders()) {
      JsonNode meta = readEntry(folder);
      if (meta != null
          && "COMPLETE".equals(state(meta))
          && resourceId.equals(meta.path("resource").asText())) {
        Instant at = Instant.parse(meta.path("trashed").asText());
        if (best == null || !at.isBefore(bestAt)) {
          best = folder;
          bestAt = at;
        }
      }
    }
    return best;
  }

  List<Path> folders() {
    List<Path> all = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(home.trash)) {
      for (Path p : ds) {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          all.add(p);
        }
      }
    } catch (IOException e) {
      throw new CloudImageException("cannot list " + home.trash + ": " + e.getMessage(), e);
    }
    all.sort(null);
    return all;
  }

  static @Nullable JsonNode readEntry(Path folder) {
    Path file = folder.resolve(ENTRY);
    if (!Confinement.present(file)) {
      return null;
    }
    try {
      JsonNode meta = RecordStore.read(file);
      return meta.path("files").isArray() && meta.path("files").size() > 0 ? meta : null;
    } catch (CloudImageException e) {
      return null;
    }
  }

  static String state(JsonNode meta) {
    // Entries written before the write-ahead protocol were sealed only when complete.
    return meta.path("state").asText("COMPLETE");
  }

  static void write(Path folder, ObjectNode meta, String state) {
    meta.put("state", state);
    JsonFiles.writeAtomically(folder.resolve(ENTRY), meta);
  }

  /** Whether a folder holds nothing but its description and atomic-write staging files. */
  static boolean onlyStaging(Path folder) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
      for (Path p : ds) {
        if (!isStaging(p)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isStaging(Path p) {
    String n = p.getFileName().toString();
    return n.startsWith("." + ENTRY + ".") && n.endsWith(".tmp");
  }

  /**
   * Removes an entry folder whose files all went back: only its description and the staging files
   * of its atomic writes (the lock holder's own) are deleted.
   */
  void finish(Path folder) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
      for (Path p : ds) {
        if (isStaging(p) || p.getFileName().toString().equals(ENTRY)) {
          Files.delete(p);
        }
      }
    }
    Files.delete(folder); // fails, keeping everything, if any moved file is still inside
    JsonFiles.fsyncDirectory(home.trash);
  }
}
