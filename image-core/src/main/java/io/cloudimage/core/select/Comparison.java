package io.cloudimage.core.select;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two images under one selector for {@link ImageSelector#explain}: each dimension's two
 * scores, its weight and the points it gives the winner, or the exclusion reasons.
 */
final class Comparison {
  private final ImageSelector selector;
  private final Weights weights;

  Comparison(ImageSelector selector) {
    this.selector = selector;
    this.weights = selector.weights();
  }

  Explanation explain(Image a, Image b) {
    Evaluation ea = selector.evaluate(a);
    Evaluation eb = selector.evaluate(b);
    List<String> lines = new ArrayList<>();
    if (!(ea instanceof RankedImage ra) || !(eb instanceof RankedImage rb)) {
      if (ea instanceof Exclusion x) {
        lines.add(a.name() + " is excluded: " + x.reason());
      }
      if (eb instanceof Exclusion x) {
        lines.add(b.name() + " is excluded: " + x.reason());
      }
      boolean aOut = ea instanceof Exclusion;
      boolean bOut = eb instanceof Exclusion;
      ImageId winner = aOut && !bOut ? b.id() : a.id();
      String verdict =
          aOut && bOut
              ? "neither " + a.name() + " nor " + b.name() + " meets the requirements"
              : (winner.equals(a.id()) ? a.name() : b.name())
                  + " ranks above "
                  + (winner.equals(a.id()) ? b.name() : a.name())
                  + ", which is excluded";
      return new Explanation(a.id(), b.id(), winner, verdict, lines);
    }
    boolean aWins =
        RankingPass.BEST_FIRST.compare(
                new RankingPass.Scored(ra.score(), a.id().toString(), a, placeholder(ra)),
                new RankingPass.Scored(rb.score(), b.id().toString(), b, placeholder(rb)))
            <= 0;
    RankedImage win = aWins ? ra : rb;
    RankedImage lose = aWins ? rb : ra;
    Dimension decisive = Dimension.OS;
    double decisiveGain = Double.NEGATIVE_INFINITY;
    for (Dimension d : Dimension.values()) {
      double sw = win.dimension(d).score();
      double sl = lose.dimension(d).score();
      double gain = weights.get(d) * (sw - sl) / weights.sum();
      if (gain > decisiveGain) {
        decisiveGain = gain;
        decisive = d;
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %s %.1f vs %s %.1f, weight %.2f -> %+.1f points for %s; %s: %s | %s: %s",
              d.id(),
              win.image().name(),
              sw,
              lose.image().name(),
              sl,
              weights.get(d) / weights.sum(),
              gain,
              win.image().name(),
              win.image().name(),
              String.join(", ", win.dimension(d).reasons()),
              lose.image().name(),
              String.join(", ", lose.dimension(d).reasons())));
    }
    String verdict =
        String.format(
            Locale.ROOT,
            "%s (%.1f) ranks above %s (%.1f)%s; %s decides most (%+.1f points)",
            win.image().name(),
            win.score(),
            lose.image().name(),
            lose.score(),
            win.score() == lose.score() ? ", equal scores ordered by image id" : "",
            decisive.id(),
            decisiveGain);
    return new Explanation(a.id(), b.id(), win.image().id(), verdict, lines);
  }

  private static InstanceFit placeholder(RankedImage r) {
    return new InstanceFit(r.instanceType(), 0);
  }
}
