package io.cloudimage.security.digest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** The command-line JSON shape: {@code {"file","size","digests":{"sha256":"hex",...}}}. */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("file", source);
    root.put("size", size);
    ObjectNode d = root.putObject("digests");
    digests.forEach((a, hex) -> d.put(a.id(), hex));
    return root;
  }
}
