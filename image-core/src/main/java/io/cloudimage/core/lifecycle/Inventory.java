package io.cloudimage.core.lifecycle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.json.internal.model.ModelTrees;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.ImageQuery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images and snapshots a plan is made from, handed over one at a time so that a million of them
 * never sit in memory at once.
 *
 * <pre>{@code
 * Inventory.file(Path.of("inventory.json"));   // `images list --json`, or {"images":[…],"snapshots":[…]}
 * Inventory.of(images, snapshots);             // in memory
 * Inventory.of(provider);                      // a live provider's listings
 * }</pre>
 */
public interface Inventory {
  /** Receives the inventory's resources. */
  interface Sink {
    /** One image. */
    void image(Image image);

    /** One snapshot. */
    void snapshot(Snapshot snapshot);
  }

  /** Hands every resource to {@code sink}, in the inventory's order. */
  void forEach(Sink sink);

  /** An inventory held in memory. */
  static Inventory of(Collection<Image> images, Collection<Snapshot> snapshots) {
    List<Image> i = List.copyOf(images);
    List<Snapshot> s = List.copyOf(snapshots);
    return sink -> {
      i.forEach(sink::image);
      s.forEach(sink::snapshot);
    };
  }

  /** A live provider's images and (when it can list them) snapshots, fetched lazily. */
  static Inventory of(ImageProvider provider) {
    return sink -> {
      try (Stream<Image> images = provider.images(ImageQuery.ALL)) {
        images.forEach(sink::image);
      }
      if (provider.capabilities().supports(Capability.LIST_SNAPSHOTS)) {
        try (Stream<Snapshot> snapshots = provider.snapshots()) {
          snapshots.forEach(sink::snapshot);
        }
      }
    };
  }

  /**
   * An inventory file, read as a stream: either the {@code images list --json} array of images, or
   * an object {@code {"images": [...], "snapshots": [...]}}. Each pass re-reads the file.
   *
   * @throws InvalidInputException (from {@link #forEach}) naming the file, the element and line
   * @throws NotFoundException (from {@link #forEach}) when the file does not exist
   */
  static Inventory file(Path file) {
    return sink -> {
      try (InputStream in = Files.newInputStream(file)) {
        read(in, file.toString(), sink);
      } catch (NoSuchFileException e) {
        throw new NotFoundException("inventory file " + file + " does not exist", e);
      } catch (IOException e) {
        throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
      }
    };
  }

  /** Reads an inventory document from a stream; see {@link #file(Path)}. */
  static void read(InputStream in, String source, Sink sink) {
    try (JsonParser p = StrictJson.mapper().getFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_ARRAY) {
        readArray(p, source, "image", sink);
      } else if (first == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if ((field.equals("images") || field.equals("snapshots"))
              && value == JsonToken.START_ARRAY) {
            readArray(p, source, field.equals("images") ? "image" : "snapshot", sink);
          } else {
            p.skipChildren();
          }
        }
      } else {
        throw new InvalidInputException(
            source
                + ": an inventory must be a JSON array of images or an object with 'images' and"
                + " 'snapshots' arrays");
      }
    } catch (JsonProcessingException e) {
      throw io.cloudimage.core.json.internal.JsonFiles.notJson(String.valueOf(source), e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static void readArray(JsonParser p, String source, String kind, Sink sink)
      throws IOException {
    int index = 0;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      long line = p.currentTokenLocation().getLineNr();
      JsonNode node = StrictJson.mapper().readTree(p);
      String where = source + " " + kind + " #" + index++ + " (line " + line + ")";
      if (kind.equals("image")) {
        sink.image(ModelTrees.readImage(node, where, "local", "local"));
      } else {
        sink.snapshot(ModelTrees.readSnapshot(node, where, "local", "local"));
      }
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw new InvalidInputException(
          source
              + " line "
              + p.currentTokenLocation().getLineNr()
              + ": every "
              + kind
              + " must be a JSON object");
    }
  }
}
