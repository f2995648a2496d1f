package io.cloudimage.core.select;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.model.ImageId;
import java.util.List;

/**
 * Why one image ranks above another, dimension by dimension.
 *
 * @param first the image asked about first
 * @param second the image asked about second
 * @param winner which of the two ranks higher (or would, when one is excluded)
 * @param verdict one sentence: who wins, by how much, and the dimension that decided it
 * @param lines one per dimension ({@code "os: A 86.0 vs B 62.5, weight 0.30 → +7.1 for A; …"}), or
 *     the exclusion reasons when one or both were excluded
 */
public record Explanation(
    ImageId first, ImageId second, ImageId winner, String verdict, List<String> lines) {
  public Explanation {
    lines = List.copyOf(lines);
  }

  /**
   * As JSON text: {@code {"first","second","winner","verdict","lines":[]}} with provider ids,
   * pretty-printed as the command line prints it, without a trailing newline.
   */
  public String toJson() {
    ObjectNode n = JsonTrees.object();
    n.put("first", first.nativeId());
    n.put("second", second.nativeId());
    n.put("winner", winner.nativeId());
    n.put("verdict", verdict);
    ArrayNode a = n.putArray("lines");
    lines.forEach(a::add);
    return JsonTrees.pretty(n);
  }

  /** The verdict and the lines, one per line, for people. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(verdict).append('\n');
    for (String l : lines) {
      b.append("  ").append(l).append('\n');
    }
    return b.toString();
  }
}
