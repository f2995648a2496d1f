package io.cloudimage.security.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The digests of one input.
 *
 * @param source the file or stream name the digests were computed over
 * @param size bytes read
 * @param digests lower-case hex per algorithm, in the order the algorithms were asked for
 */
public record DigestResult(String source, long size, Map<DigestAlgorithm, String> digests) {
  // The generator must not close the caller's writer.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  public DigestResult {
    digests = Collections.unmodifiableMap(new EnumMap<>(digests));
  }

  /**
   * The hex digest for {@code algorithm}.
   *
   * @throws IllegalArgumentException when the algorithm was not computed
   */
  public String hex(DigestAlgorithm algorithm) {
    String hex = digests.get(algorithm);
    if (hex == null) {
      throw new IllegalArgumentException(
          algorithm.id() + " was not computed; computed: " + digests.keySet());
    }
    return hex;
  }

  /**
   * The command-line JSON shape: {@code {"file","size","digests":{"sha256":"hex",...}}}, as one
   * compact document.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    writeJson(out);
    return out.toString();
  }

  /**
   * Writes {@link #toJson()} to {@code out}, leaving it open.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public void writeJson(Writer out) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("file", source);
      g.writeNumberField("size", size);
      g.writeObjectFieldStart("digests");
      for (Map.Entry<DigestAlgorithm, String> e : digests.entrySet()) {
        g.writeStringField(e.getKey().id(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
