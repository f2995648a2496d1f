package io.cloudimage.core.select;

import io.cloudimage.core.cost.CostModel;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.ComputeCost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * One pass of {@link ImageSelector#select} over the candidates: each is excluded with its reasons
 * or scored, only the best {@code top} are held in a heap and at most {@code maxExcluded}
 * exclusions are kept, so memory does not grow with the number of candidates; the best one becomes
 * the recommendation. Equal scores are ordered by image id, so the ranking is the same for the same
 * input in any order. Not thread-safe: one per {@code select} call.
 */
final class RankingPass {
  /** Orders ranked candidates best first: higher score, then smaller image id. */
  static final Comparator<Scored> BEST_FIRST =
      Comparator.comparingDouble((Scored c) -> -c.score).thenComparing(c -> c.key);

  /** The heap's first capacity; it grows past this only as candidates are kept. */
  private static final int INITIAL_HEAP = 64;

  private final ImageSelector selector;
  private final Evaluator evaluator;

  /** A candidate in the heap: its score, its sort key, and the image. */
  static final class Scored {
    final double score;
    final String key;
    final Image image;
    final InstanceFit fit;

    Scored(double score, String key, Image image, InstanceFit fit) {
      this.score = score;
      this.key = key;
      this.image = image;
      this.fit = fit;
    }
  }

  RankingPass(ImageSelector selector) {
    this.selector = selector;
    this.evaluator = new Evaluator(selector);
  }

  /** Reads every candidate and returns the selection; the iterator is consumed. */
  Selection run(Iterator<Image> candidates) {
    int top = selector.top();
    int maxExcluded = selector.maxExcluded();
    // worst of the kept candidates on top, so it is the one dropped; top is a limit, not a size to
    // allocate: the heap grows with the candidates kept, so top = Integer.MAX_VALUE means "all"
    PriorityQueue<Scored> heap =
        new PriorityQueue<>(Math.min(top, INITIAL_HEAP) + 1, BEST_FIRST.reversed());
    List<Exclusion> excluded = new ArrayList<>();
    long count = 0;
    long excludedCount = 0;
    while (candidates.hasNext()) {
      Image image = Objects.requireNonNull(candidates.next(), "candidate image");
      count++;
      String reason = evaluator.exclusion(image, excluded.size() < maxExcluded);
      if (reason != null) {
        excludedCount++;
        if (excluded.size() < maxExcluded) {
          excluded.add(new Exclusion(image.id(), reason));
        }
        continue;
      }
      InstanceFit fit = Objects.requireNonNull(evaluator.fit(image));
      double score = evaluator.total(image, fit);
      if (heap.size() == top) {
        Scored worst = heap.peek();
        if (worst != null && score < worst.score) {
          continue; // cannot enter: skip building its key
        }
      }
      heap.add(new Scored(score, image.id().toString(), image, fit));
      if (heap.size() > top) {
        heap.poll();
      }
    }
    List<Scored> best = new ArrayList<>(heap);
    best.sort(BEST_FIRST);
    List<RankedImage> ranked = new ArrayList<>(best.size());
    for (Scored c : best) {
      ranked.add(evaluator.ranked(c.image, c.fit));
    }
    Scenario scenario = selector.scenario();
    return new Selection(scenario, recommendation(ranked), ranked, excluded, count, excludedCount);
  }

  /** The first ranked image with its instance, the scenario's storage and the compute cost. */
  private @Nullable Recommendation recommendation(List<RankedImage> ranked) {
    if (ranked.isEmpty()) {
      return null;
    }
    RankedImage first = ranked.get(0);
    ComputeCost compute =
        new CostModel(selector.storagePrices(), selector.osLifecycles())
            .compute(first.instanceType(), selector.scenario().hoursPerMonth());
    return new Recommendation(
        first.image(), first.instanceType(), selector.scenario().storage(), compute);
  }
}
