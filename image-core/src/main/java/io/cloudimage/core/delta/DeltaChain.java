package io.cloudimage.core.delta;

import io.cloudimage.core.error.CheckFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks that deltas form a chain in the order given: each delta's base is the previous one's
 * target (by SHA-256 and size) and none is older than the one before it.
 */
final class DeltaChain {
  private DeltaChain() {}

  /** The deltas in the one order that chains them, or {@code null} when there is none. */
  static @Nullable List<DeltaFile> reorder(List<DeltaFile> deltas) {
    for (DeltaFile start : deltas) {
      List<DeltaFile> ordered = new ArrayList<>(List.of(start));
      List<DeltaFile> left = new ArrayList<>(deltas);
      left.remove(start);
      DeltaFile last = start;
      while (!left.isEmpty()) {
        DeltaFile link = null;
        for (DeltaFile d : left) {
          if (Arrays.equals(d.header().baseDigest(), last.header().targetDigest())) {
            link = d;
            break;
          }
        }
        if (link == null) {
          break;
        }
        ordered.add(link);
        left.remove(link);
        last = link;
      }
      if (left.isEmpty()) {
        return ordered;
      }
    }
    return null;
  }

  /**
   * @throws CheckFailedException naming the missing link: the two deltas that do not join, the
   *     digest the second needs, and the delta given that has it when the order is wrong
   */
  static void check(List<DeltaFile> chain) {
    for (int i = 1; i < chain.size(); i++) {
      DeltaFile previous = chain.get(i - 1);
      DeltaFile next = chain.get(i);
      DeltaHeader p = previous.header();
      DeltaHeader n = next.header();
      if (!Arrays.equals(p.targetDigest(), n.baseDigest()) || p.targetSize() != n.baseSize()) {
        String need = DeltaHeader.hex(n.baseDigest());
        List<DeltaFile> ordered = reorder(chain);
        if (ordered != null) {
          throw new CheckFailedException(
              "deltas out of order: "
                  + next.file()
                  + " does not apply to the target of "
                  + previous.file()
                  + "; give them as "
                  + ordered.stream()
                      .map(d -> d.file().toString())
                      .collect(Collectors.joining(" ")));
        }
        throw new CheckFailedException(
            "the chain has a gap between "
                + previous.file()
                + " and "
                + next.file()
                + ": the missing delta goes from "
                + DeltaHeader.hex(p.targetDigest())
                + " (the target of the first) to "
                + need
                + " (the base of the second)");
      }
      if (n.created().isBefore(p.created())) {
        throw new CheckFailedException(
            "deltas out of order: "
                + next.file()
                + " ("
                + n.created()
                + ") is older than "
                + previous.file()
                + " ("
                + p.created()
                + ") before it");
      }
    }
  }
}
