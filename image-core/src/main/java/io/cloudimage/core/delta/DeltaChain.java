package io.cloudimage.core.delta;

import io.cloudimage.core.error.CheckFailedException;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that deltas form a chain in the order given: each delta's base is the previous one's
 * target (by SHA-256 and size) and none is older than the one before it.
 */
final class DeltaChain {
  private DeltaChain() {}

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
        for (DeltaFile other : chain) {
          if (Arrays.equals(other.header().targetDigest(), n.baseDigest())) {
            throw new CheckFailedException(
                "deltas out of order: "
                    + next.file()
                    + " applies to the target of "
                    + other.file()
                    + ", not of "
                    + previous.file()
                    + "; give them oldest first");
          }
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
