package io.cloudimage.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.json.internal.model.ModelTrees;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes and reads images and snapshots as JSON text.
 *
 * <p>An image object starts with the fields scripts rely on — {@code id} (the provider's own id),
 * {@code name}, {@code provider}, {@code region}, {@code state}, {@code architecture} ({@code
 * x86_64}/{@code arm64}), {@code os} ({@code family}, {@code version}), {@code created}, {@code
 * lastLaunched}, {@code deprecation}, {@code sizeBytes}, {@code tier} ({@code HOT}…), {@code tags}
 * and {@code inUse} — then carries every other field of {@link Image}. Instants are ISO-8601 UTC;
 * absent values are {@code null}. {@link #parse} and {@link #read} accept what {@link
 * #toJson(Image)} writes, refuse what breaks cloudimage's limits (a repeated key, nesting deeper
 * than 64 levels, a string over 1 MiB) and name the field and the place of anything wrong.
 */
public final class ImageJson {
  private ImageJson() {}

  /**
   * The image as one JSON object, pretty-printed as {@code images show --json} prints it (no
   * trailing newline).
   */
  public static String toJson(Image image) {
    return JsonTrees.pretty(ModelTrees.image(image));
  }

  /** The snapshot as one JSON object, pretty-printed (no trailing newline). */
  public static String toJson(Snapshot snapshot) {
    return JsonTrees.pretty(ModelTrees.snapshot(snapshot));
  }

  /**
   * Writes {@link #toJson(Image)} to {@code out}, which stays open.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public static void write(Writer out, Image image) {
    JsonTrees.writePretty(out, ModelTrees.image(image));
  }

  /**
   * Writes {@link #toJson(Snapshot)} to {@code out}, which stays open.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public static void write(Writer out, Snapshot snapshot) {
    JsonTrees.writePretty(out, ModelTrees.snapshot(snapshot));
  }

  /**
   * Writes the images as one compact JSON array, as {@code images list --json} prints it (no
   * trailing newline). One image is held at a time, so any number of images streams in constant
   * memory; {@code out} is flushed every 256 images and at the end, and stays open.
   *
   * @return how many images were written
   * @throws UncheckedIOException when {@code out} fails
   */
  public static long writeArray(Writer out, Iterable<? extends Image> images) {
    long count = 0;
    try (JsonGenerator g = StrictJson.mapper().getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartArray();
      for (Image image : images) {
        g.writeTree(ModelTrees.image(image));
        count++;
        if ((count & 255) == 0) {
          g.flush();
        }
      }
      g.writeEndArray();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing images as JSON", e);
    }
    return count;
  }

  /**
   * Reads an image from JSON text. The object must name its {@code provider} and {@code region}, as
   * {@link #toJson(Image)} does.
   *
   * @throws InvalidInputException when the text is not such an object, naming the line or the field
   */
  public static Image parse(String json) {
    String where = "image JSON";
    return ModelTrees.readImage(JsonTrees.parse(json, where), where, null, null);
  }

  /**
   * Reads a snapshot from JSON text. The object must name its {@code provider} and {@code region},
   * as {@link #toJson(Snapshot)} does.
   *
   * @throws InvalidInputException when the text is not such an object, naming the line or the field
   */
  public static Snapshot parseSnapshot(String json) {
    String where = "snapshot JSON";
    return ModelTrees.readSnapshot(JsonTrees.parse(json, where), where, null, null);
  }

  /**
   * Reads an image from a JSON file.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException when it is not such an object, naming the file and the line or
   *     the field
   */
  public static Image read(Path file) {
    String where = file.toString();
    return ModelTrees.readImage(StrictJson.readJson(file).root(), where, null, null);
  }

  /**
   * Reads a snapshot from a JSON file.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException when it is not such an object, naming the file and the line or
   *     the field
   */
  public static Snapshot readSnapshot(Path file) {
    String where = file.toString();
    return ModelTrees.readSnapshot(StrictJson.readJson(file).root(), where, null, null);
  }
}
