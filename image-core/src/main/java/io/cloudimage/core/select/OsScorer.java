package io.cloudimage.core.select;

import static io.cloudimage.core.select.SelectionRun.add;

import io.cloudimage.core.catalog.OsLifecycle;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.Money;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Operating system: support left (60 points over five years of standard support, 15 in extended
 * support), release cadence (20) and licence cost (20). Without reasons the score depends on the
 * release alone, so it is computed once per release.
 */
final class OsScorer implements DimensionScorer {
  private static final double DAYS_PER_YEAR = 365.25;

  private final SelectionRun run;

  OsScorer(SelectionRun run) {
    this.run = run;
  }

  @Override
  public Dimension dimension() {
    return Dimension.OS;
  }

  /** Support left (60), cadence (20), licence (20). */
  @Override
  public double score(Image image, InstanceFit fit, @Nullable List<String> why) {
    SelectionRun.Life l = run.life(image);
    if (why == null) {
      // the score depends on the lifecycle alone
      if (Double.isNaN(l.osScore)) {
        l.osScore = osScore(image, l.life, null);
      }
      return l.osScore;
    }
    return osScore(image, l.life, why);
  }

  private double osScore(Image image, @Nullable OsLifecycle life, @Nullable List<String> why) {
    if (life == null) {
      if (why != null) {
        why.add("no lifecycle data for " + image.platform().os() + "; support window unknown");
      }
      return 30;
    }
    double points;
    if (life.inStandardSupport(run.today)) {
      double years =
          ChronoUnit.DAYS.between(run.today, life.endOfStandardSupport()) / DAYS_PER_YEAR;
      points = 60 * SelectionRun.clamp01(years / 5);
      if (why != null) {
        why.add(
            life.name()
                + ": standard support until "
                + life.endOfStandardSupport()
                + " ("
                + SelectionRun.oneDecimal(years)
                + " years left)");
      }
    } else if (life.supported(run.today)) {
      double years =
          ChronoUnit.DAYS.between(run.today, life.endOfExtendedSupport()) / DAYS_PER_YEAR;
      points = 15 * SelectionRun.clamp01(years / 5);
      if (why != null) {
        why.add(
            life.name()
                + ": standard support ended "
                + life.endOfStandardSupport()
                + "; only extended (paid or limited) support until "
                + life.endOfExtendedSupport());
      }
    } else {
      points = 0;
      if (why != null) {
        why.add(life.name() + ": out of all support since " + life.endOfExtendedSupport());
      }
    }
    switch (life.cadence()) {
      case LONG_TERM:
        points += 20;
        add(why, "long-term release cadence: few forced rebuilds");
        break;
      case CONTINUOUS:
        points += 15;
        add(why, "continuous cadence: regular minor updates within one release line");
        break;
      case INTERIM:
        points += 5;
        add(why, "interim release: supported for months, rebuild soon");
        break;
      default:
        break;
    }
    Money licence = life.licencePerNodeYear();
    if (licence.amount().signum() == 0) {
      points += 20;
      add(why, "no licence cost");
    } else {
      double r = run.rate(licence.currency());
      double amount = licence.amount().doubleValue() * r;
      if (Double.isNaN(amount)) {
        points += 10;
        if (why != null) {
          why.add(
              "licence " + licence + " per node-year (no rate to " + run.currency + " to compare)");
        }
      } else {
        points += 20 * 250 / (250 + amount);
        if (why != null) {
          why.add("licence " + licence + " per node-year");
        }
      }
    }
    return points;
  }
}
