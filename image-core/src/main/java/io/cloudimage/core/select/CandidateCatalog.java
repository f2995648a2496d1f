package io.cloudimage.core.select;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.SignatureStatus;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads a candidate catalog one image at a time with Jackson's streaming parser, so a catalog of
 * any size is ranked in constant memory.
 *
 * <pre>{@code
 * {"images": [{"id": "ami-0a1", "name": "ubuntu-24.04-minimal-arm64", "provider": "aws",
 *   "region": "us-east-1", "architecture": "arm64", "os": {"family": "ubuntu", "version": "24.04"},
 *   "created": "2026-10-01T00:00:00Z", "sizeBytes": 2147483648, "tier": "HOT", "tags": {},
 *   "verifiedPublisher": true, "requiredCpuFeatures": [], "lastPatched": "2026-11-01T00:00:00Z",
 *   "signature": "VALID", "bootTimeMs": 8000, "benchmarks": {"fio.randread.iops": 12000},
 *   "knownVulnerabilities": 0, "gpuDriver": null, "family": "ubuntu-minimal",
 *   "description": "..."}]}
 * }</pre>
 *
 * <p>Required per image: {@code id}, {@code name}, {@code provider}, {@code region}, {@code
 * architecture}, {@code os.family}, {@code os.version}, {@code created}; the rest are optional
 * ({@code os.edition}, {@code state} and {@code deprecation} too). A wrong entry stops the stream
 * with an {@link InvalidInputException} naming the file, the entry's index and id, and the field.
 */
public final class CandidateCatalog {
  private static final String SAMPLE = "sample-catalog.json";

  private CandidateCatalog() {}

  /**
   * Opens a catalog file as a lazy stream; close the stream to close the file.
   *
   * @throws NotFoundException when the file does not exist
   */
  public static Stream<Image> open(Path file) {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("candidate catalog " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read candidate catalog " + file + ": " + e, e);
    }
    return read(in, file.toString());
  }

  /** The shipped sample catalog: right and wrong answers for every scenario. */
  public static Stream<Image> sample() {
    InputStream in = CandidateCatalog.class.getResourceAsStream(SAMPLE);
    if (in == null) {
      throw new IllegalStateException(SAMPLE + " is missing from the image-core jar");
    }
    return read(in, SAMPLE);
  }

  /**
   * Reads a catalog from a stream, lazily; closing the returned stream closes {@code in}. {@code
   * where} names the source in errors.
   */
  public static Stream<Image> read(InputStream in, String where) {
    JsonParser parser;
    try {
      parser = StrictJson.parser(in);
    } catch (IOException e) {
      throw new InvalidInputException(where + ": cannot read: " + e.getMessage(), e);
    }
    Reader reader = new Reader(parser, where);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                reader, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
            false)
        .onClose(reader::close);
  }

  /** Walks to the {@code images} array, then yields one image per element. */
  private static final class Reader implements Iterator<Image> {
    private final JsonParser parser;
    private final String where;
    private int index = -1;
    private boolean started;
    private @Nullable Image next;
    private boolean done;

    Reader(JsonParser parser, String where) {
      this.parser = parser;
      this.where = where;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
        done = next == null;
      }
      return next != null;
    }

    @Override
    public Image next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Image out = next;
      next = null;
      if (out == null) {
        throw new NoSuchElementException();
      }
      return out;
    }

    private @Nullable Image advance() {
      try {
        if (!started) {
          start();
          started = true;
        }
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
          return null;
        }
        index++;
        if (t != JsonToken.START_OBJECT) {
          throw new InvalidInputException(
              where + ": images[" + index + "] must be an object, was " + t);
        }
        JsonNode node = StrictJson.readValue(parser, where);
        return image(node, where, index);
      } catch (JsonProcessingException e) {
        throw StrictJson.error(where, e);
      } catch (IOException e) {
        throw new CorruptDataException(
            null,
            parser.currentLocation().getByteOffset(),
            where + ": not valid JSON after images[" + index + "]: " + e.getMessage(),
            e);
      }
    }

    private void start() throws IOException {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(
            where + ": a candidate catalog is an object {\"images\":[...]}");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("images".equals(field)) {
          if (value != JsonToken.START_ARRAY) {
            throw new InvalidInputException(where + ": 'images' must be an array");
          }
          return;
        }
        parser.skipChildren();
      }
      throw new InvalidInputException(where + ": no 'images' array");
    }

    void close() {
      try {
        parser.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * One catalog entry as an image.
   *
   * @throws InvalidInputException naming the entry and the field that is wrong
   */
  static Image image(JsonNode n, String where, int index) {
    String id = n.path("id").isTextual() ? n.path("id").asText() : "?";
    String at = where + " images[" + index + "] (" + id + ")";
    try {
      Image.Builder b =
          Image.builder()
              .id(new ImageId(text(n, "provider", at), text(n, "region", at), text(n, "id", at)))
              .name(text(n, "name", at))
              .architecture(Architecture.parse(text(n, "architecture", at)))
              .created(java.util.Objects.requireNonNull(instant(n, "created", at, true)));
      JsonNode os = n.path("os");
      if (!os.isObject()) {
        throw new InvalidInputException(
            at + ": field 'os' is missing; give {\"family\",\"version\"}");
      }
      b.os(
          new OperatingSystem(
              OsFamily.parse(text(os, "family", at + " os")),
              text(os, "version", at + " os"),
              os.path("edition").isTextual() ? os.path("edition").asText() : null));
      if (has(n, "sizeBytes")) {
        b.sizeBytes(whole(n, "sizeBytes", at));
      }
      if (has(n, "tier")) {
        b.tier(StorageTier.parse(n.path("tier").asText()));
      }
      if (has(n, "state")) {
        b.state(
            ImageState.valueOf(n.path("state").asText().trim().toUpperCase(java.util.Locale.ROOT)));
      }
      if (has(n, "tags")) {
        Map<String, String> tags = new TreeMap<>();
        n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        b.tags(Tags.of(tags));
      }
      if (has(n, "verifiedPublisher")) {
        b.verifiedPublisher(n.path("verifiedPublisher").asBoolean());
      }
      if (has(n, "requiredCpuFeatures")) {
        Set<String> f = new HashSet<>();
        n.path("requiredCpuFeatures").forEach(x -> f.add(x.asText()));
        b.requiredCpuFeatures(f);
      }
      b.lastPatched(instant(n, "lastPatched", at, false));
      b.lastLaunched(instant(n, "lastLaunched", at, false));
      b.deprecation(instant(n, "deprecation", at, false));
      if (has(n, "signature")) {
        try {
          b.signature(
              SignatureStatus.valueOf(
                  n.path("signature").asText().trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(
              at + ": field 'signature' must be VALID, INVALID, UNSIGNED or UNKNOWN", e);
        }
      }
      if (has(n, "bootTimeMs")) {
        b.bootTime(Duration.ofMillis(whole(n, "bootTimeMs", at)));
      }
      if (has(n, "benchmarks")) {
        Map<String, Double> m = new HashMap<>();
        n.path("benchmarks")
            .fields()
            .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        b.benchmarks(m);
      }
      if (has(n, "knownVulnerabilities")) {
        b.knownVulnerabilities((int) whole(n, "knownVulnerabilities", at));
      }
      if (has(n, "gpuDriver")) {
        b.gpuDriver(n.path("gpuDriver").asText());
      }
      if (has(n, "family")) {
        b.family(n.path("family").asText());
      }
      if (has(n, "description")) {
        b.description(n.path("description").asText());
      }
      return b.build();
    } catch (InvalidInputException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(at)) {
        throw e;
      }
      throw new InvalidInputException(at + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(at + ": " + e.getMessage(), e);
    }
  }

  private static boolean has(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && !v.isNull();
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(at + ": field '" + field + "' is missing");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InvalidInputException(
          at + ": field '" + field + "' must be a non-empty string, was " + v);
    }
    return v.asText();
  }

  private static long whole(JsonNode n, String field, String at) {
    JsonNode v = n.path(field);
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
      throw new InvalidInputException(
          at + ": field '" + field + "' must be a whole number >= 0, was " + v);
    }
    return v.asLong();
  }

  private static @Nullable Instant instant(JsonNode n, String field, String at, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new InvalidInputException(at + ": field '" + field + "' is missing");
      }
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          at
              + ": field '"
              + field
              + "' must be an ISO-8601 UTC instant like 2026-11-01T00:00:00Z, was "
              + v,
          e);
    }
  }
}
