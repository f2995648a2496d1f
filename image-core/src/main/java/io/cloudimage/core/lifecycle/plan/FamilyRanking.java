package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The newest {@code depth} images of each family, gathered while the inventory streams past: one
 * bounded heap per family, so memory grows with the number of families, not of images. Once the
 * inventory is read, {@link #finish()} fixes the ranks and {@link #rank} answers them.
 */
final class FamilyRanking {
  private record Ranked(Instant created, String id) {}

  /** Newer first; ties broken by id so that ranks never depend on inventory order. */
  private static final Comparator<Ranked> NEWER_FIRST =
      Comparator.comparing(Ranked::created).reversed().thenComparing(Ranked::id);

  private final int depth;
  private final Map<String, PriorityQueue<Ranked>> heaps = new HashMap<>();
  private final Map<String, List<Ranked>> ranks = new HashMap<>();

  /** Ranks the newest {@code depth} members of each family (none when {@code depth} is 0). */
  FamilyRanking(int depth) {
    this.depth = depth;
  }

  /** Counts an image that holds its storage as a member of {@code family}. */
  void add(String family, Instant created, String id) {
    if (depth <= 0) {
      return;
    }
    Ranked entry = new Ranked(created, id);
    // A heap of the newest `depth` members, oldest of them on top.
    PriorityQueue<Ranked> top =
        heaps.computeIfAbsent(family, f -> new PriorityQueue<>(NEWER_FIRST.reversed()));
    if (top.size() < depth) {
      top.add(entry);
    } else if (NEWER_FIRST.compare(entry, top.peek()) < 0) {
      top.poll();
      top.add(entry);
    }
  }

  /** Fixes the ranks once every image has been added. */
  void finish() {
    heaps.forEach(
        (f, heap) -> {
          List<Ranked> list = new ArrayList<>(heap);
          list.sort(NEWER_FIRST);
          ranks.put(f, list);
        });
    heaps.clear();
  }

  /**
   * The rank of {@code r} in its family (0 for the newest); {@code depth} when it is not among the
   * ranked newest, {@link Integer#MAX_VALUE} for a snapshot or an image without a family.
   */
  int rank(Resource r) {
    String family = r.family();
    if (family == null || r.kind() != ResourceKind.IMAGE) {
      return Integer.MAX_VALUE;
    }
    List<Ranked> top = ranks.get(family);
    if (top == null) {
      return depth;
    }
    for (int i = 0; i < top.size(); i++) {
      if (top.get(i).id().equals(r.id())) {
        return i;
      }
    }
    return depth;
  }
}
