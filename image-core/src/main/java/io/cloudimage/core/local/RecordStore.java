package io.cloudimage.core.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.json.internal.model.ModelTrees;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.provider.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The image and snapshot records of a home: read without following links, written atomically and
 * owner-only, looked up by id and listed a page at a time. Listings read a folder's names at once
 * and close it; records are parsed lazily.
 */
final class RecordStore {
  /** No record is near this size; a bigger file is not read into memory. */
  static final int MAX_RECORD = 4 << 20;

  private static final int PAGE_SIZE = 1_000;
  private static final Pattern IMAGE_ID = Pattern.compile("img-[0-9a-f]{16}");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalHome home;

  RecordStore(LocalHome home) {
    this.home = home;
  }

  /** The {@code *.json} files of a folder, read eagerly and sorted; the folder is closed. */
  static List<Path> names(Path dir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : ds) {
        files.add(p);
      }
    } catch (IOException e) {
      throw new CloudImageException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  /** A fresh random id: {@code prefix} and 16 hex digits. */
  static String newId(String prefix) {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  /**
   * The image with this id.
   *
   * @throws InvalidInputException when the id is not a local image id
   * @throws NotFoundException when the home has no such image
   */
  Image describe(String imageId) {
    if (!IMAGE_ID.matcher(imageId).matches()) {
      throw new InvalidInputException(
          "'" + imageId + "' is not a local image id (img- and 16 hex digits)");
    }
    Path file = home.imageFile(imageId);
    if (!Confinement.present(file)) {
      throw new NotFoundException(
          "no image " + imageId + " in local home " + home.root, imageId, null, null, null);
    }
    return readImage(file);
  }

  /**
   * The snapshot with this id.
   *
   * @throws InvalidInputException when the id is not a local snapshot id
   * @throws NotFoundException when the home has no such snapshot
   */
  Snapshot describeSnapshot(String snapshotId) {
    if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
      throw new InvalidInputException(
          "'" + snapshotId + "' is not a local snapshot id (snap- and 16 hex digits)");
    }
    Path file = home.snapshotFile(snapshotId);
    if (!Confinement.present(file)) {
      throw new NotFoundException(
          "no snapshot " + snapshotId + " in local home " + home.root,
          snapshotId,
          null,
          null,
          null);
    }
    return readSnapshot(file);
  }

  /** Rewrites an image's record under the home lock; returns the new record. */
  Image update(String imageId, UnaryOperator<Image> change) {
    return home.lock.locked(
        () -> {
          Image updated = change.apply(describe(imageId));
          writeImage(updated);
          return updated;
        });
  }

  /**
   * One page of records: those whose file names sort after {@code after}, up to {@link #PAGE_SIZE};
   * the token is the last name read.
   */
  static <T> Page<T> page(
      List<Path> files, @Nullable String after, Function<Path, Stream<T>> read) {
    List<String> names = new ArrayList<>(files.size());
    Map<String, Path> byName = new HashMap<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (after == null || n.compareTo(after) > 0) {
        names.add(n);
        byName.put(n, f);
      }
    }
    Collections.sort(names);
    List<T> items = new ArrayList<>();
    int end = Math.min(names.size(), PAGE_SIZE);
    for (int i = 0; i < end; i++) {
      read.apply(byName.get(names.get(i))).forEach(items::add);
    }
    String next = end < names.size() ? names.get(end - 1) : null;
    return new Page<>(items, next);
  }

  List<Path> imageFiles() {
    return names(home.images);
  }

  List<Path> snapshotFiles() {
    return names(home.snapshots);
  }

  /**
   * Reads a record, never through a link.
   *
   * @throws NotFoundException when it does not exist
   * @throws InvalidInputException when it is a link, too large or not JSON, naming the file
   */
  static JsonNode read(Path file) {
    if (Files.isSymbolicLink(file)) {
      throw Confinement.linkRefused(file, "record");
    }
    try {
      return StrictJson.mapper().readTree(Confinement.readSmall(file, MAX_RECORD));
    } catch (JsonProcessingException e) {
      throw JsonFiles.notJson(file.toString(), e);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  Image readImage(Path file) {
    return ModelTrees.readImage(
        read(file), file.toString(), LocalProvider.NAME, LocalProvider.NAME);
  }

  /** Reads an image record, or stands in a BROKEN image saying why it could not be read. */
  Image readImageOrBroken(Path file) {
    try {
      return readImage(file);
    } catch (CloudImageException e) {
      String id = idOf(file);
      Instant created;
      try {
        created = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
      } catch (IOException io) {
        created = Instant.EPOCH;
      }
      // Placeholders fill the fields the record could not give; the state and the description say
      // so.
      return Image.builder()
          .id(new ImageId(LocalProvider.NAME, LocalProvider.NAME, id))
          .name(id)
          .state(ImageState.BROKEN)
          .description("metadata unreadable: " + e.getMessage())
          .architecture(Architecture.X86_64)
          .os(OperatingSystem.of(OsFamily.OTHER, "unknown"))
          .created(created)
          .build();
    }
  }

  static String idOf(Path record) {
    String name = record.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
  }

  Snapshot readSnapshot(Path file) {
    return ModelTrees.readSnapshot(
        read(file), file.toString(), LocalProvider.NAME, LocalProvider.NAME);
  }

  String diskFormatOf(String snapshotId) {
    return read(home.snapshotFile(snapshotId)).path("diskFormat").asText(DiskFormat.RAW.id());
  }

  void writeImage(Image image) {
    ObjectNode node = ModelTrees.image(image);
    node.put("metadataVersion", 1);
    JsonFiles.writeAtomically(home.imageFile(image.nativeId()), node);
  }

  void writeSnapshot(Snapshot snapshot, String diskFormat) {
    ObjectNode node = ModelTrees.snapshot(snapshot);
    node.put("diskFormat", diskFormat);
    node.put("metadataVersion", 1);
    JsonFiles.writeAtomically(home.snapshotFile(snapshot.id()), node);
  }

  /**
   * Whether an unreadable (BROKEN) image record could be one of {@code snapshotId}'s users. The
   * rule is conservative, so that a snapshot whose relations cannot be proven counts as in use:
   *
   * <ul>
   *   <li>yes when the record cannot be read at all (a link, unreadable, too large);
   *   <li>yes when its bytes hold the snapshot id (in any letter case);
   *   <li>yes when they hold a JSON backslash-u escape, which could spell the id;
   *   <li>yes when they end in a beginning of the id (a record cut short while writing it);
   *   <li>no otherwise: a JSON string naming the snapshot must hold its id literally.
   * </ul>
   */
  static boolean mayReference(Path brokenRecord, String snapshotId) {
    String text;
    try {
      if (Files.isSymbolicLink(brokenRecord)) {
        return true;
      }
      text =
          new String(Confinement.readSmall(brokenRecord, MAX_RECORD), StandardCharsets.ISO_8859_1)
              .toLowerCase(Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return true;
    }
    String id = snapshotId.toLowerCase(Locale.ROOT);
    if (text.contains(id) || text.contains("\\u")) {
      return true;
    }
    String tail = text.stripTrailing();
    for (int k = 1; k < id.length(); k++) {
      if (tail.endsWith(id.substring(0, k))) {
        return true;
      }
    }
    return false;
  }
}
